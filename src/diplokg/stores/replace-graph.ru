# Replace one named graph by the given triples, in one request (one transaction).
DROP SILENT GRAPH <$graph> ;
$insert
