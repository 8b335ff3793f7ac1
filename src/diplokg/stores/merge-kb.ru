# Knowledge-base aliases are replaced entity by entity (the incoming triples are each entity's
# complete alias set); aliases of entities not named here are kept. The union copy follows: an
# old alias leaves it unless another graph holds the same triple; the new ones enter it.
DELETE { $union }
WHERE {
  VALUES ?s { $entities }
  GRAPH <$kb> { ?s ?p ?o }
  FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } FILTER(?other != <$kb> && !STRSTARTS(STR(?other), "$internal")) }
} ;
DELETE { GRAPH <$kb> { ?s ?p ?o } }
WHERE { VALUES ?s { $entities } GRAPH <$kb> { ?s ?p ?o } } ;
$insert ;
INSERT { $union } WHERE { VALUES ?s { $entities } GRAPH <$kb> { ?s ?p ?o } }
