# Remove one article's named graph, then the knowledge-base aliases of every entity that no
# remaining graph describes (its type and labels lived only in the removed article).
DROP SILENT GRAPH <$graph> ;
DELETE { GRAPH <$kb> { ?entity ?p ?o } }
WHERE {
  GRAPH <$kb> { ?entity ?p ?o }
  FILTER NOT EXISTS { GRAPH ?other { ?entity ?q ?v } FILTER(?other != <$kb>) }
}
