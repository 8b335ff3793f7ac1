# Remove one article's named graph (and its triples no other graph holds from the union copy),
# then the knowledge-base aliases of every entity that no remaining article graph describes (its
# type and labels lived only in the removed article), from the kb graph and the union copy.
$unlink ;
DROP SILENT GRAPH <$graph> ;
DELETE { GRAPH <$kb> { ?s ?p ?o } $union }
WHERE {
  GRAPH <$kb> { ?s ?p ?o }
  FILTER NOT EXISTS {
    GRAPH ?other { ?s ?q ?v }
    FILTER(?other != <$kb> && ?other != <$identity> && !STRSTARTS(STR(?other), "$internal"))
  }
}
