# Knowledge-base aliases are replaced entity by entity (the incoming triples are each entity's
# complete alias set); aliases of entities not named here are kept.
DELETE { GRAPH <$kb> { ?entity ?p ?o } }
WHERE { VALUES ?entity { $entities } GRAPH <$kb> { ?entity ?p ?o } } ;
$insert
