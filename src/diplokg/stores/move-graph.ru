# Switch a fully uploaded staging graph into place: MOVE drops the target first, then renames.
MOVE <$staging> TO <$graph>
