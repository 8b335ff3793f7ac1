# Replace one named graph by the given triples and keep the union copy exact, in one request
# (one transaction): the old triples no other graph holds leave the union, the new ones enter it.
$unlink ;
DROP SILENT GRAPH <$graph> ;
$insert ;
$link
