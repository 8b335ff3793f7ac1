# Take <$graph>'s triples out of the deduplicated union copy ($union), except the triples another
# named graph still holds (diplokg's own $internal... graphs, such as staging graphs, do not count).
DELETE { $union }
WHERE {
  GRAPH <$graph> { ?s ?p ?o }
  FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } FILTER(?other != <$graph> && !STRSTARTS(STR(?other), "$internal")) }
}
