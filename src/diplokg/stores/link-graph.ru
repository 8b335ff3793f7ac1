# Add <$graph>'s triples to the deduplicated union copy ($union).
INSERT { $union } WHERE { GRAPH <$graph> { ?s ?p ?o } }
