-- 主动公开基本目录: two active columns under the same parent (or both at the top level) may not share a name.
-- The catalog service checks first and names the field; this catches a race. Retired columns keep their names.
CREATE UNIQUE INDEX catalog_nodes_sibling_name_key ON catalog_nodes (agency_id, parent_id, name) NULLS NOT DISTINCT WHERE retired_at IS NULL;

-- a node's own 动态调整 history (the console shows it beside the forms)
CREATE INDEX catalog_changes_node_idx ON catalog_changes (node_id, id);
