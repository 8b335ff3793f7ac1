# Switch a fully uploaded staging graph into place (MOVE drops the target first, then renames),
# keeping the union copy exact, in one request.
$unlink ;
MOVE <$staging> TO <$graph> ;
$link
