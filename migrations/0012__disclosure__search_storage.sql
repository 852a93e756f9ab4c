-- Search: keep each item's tsvector inside its heap row (docs/adr/0004-search-ranking-for-top-k.md).
-- A body's vector is 2–6 KB of positions that pglz cannot shrink, so by default it went out of line to
-- TOAST, and every `tsv @@` recheck or ts_rank paid a TOAST index lookup and chunk fetch: measured 4–5×
-- slower per row. MAIN keeps it in the row unless the row would not fit a page at all. Applies to rows
-- written from now on; `gongkai search reindex` rewrites the existing ones.
ALTER TABLE item_search ALTER COLUMN tsv SET STORAGE MAIN;

-- A GIN index queues new entries in a pending list that every search scans linearly, and the planner shies
-- away from an index with a long one. Publishing is rare next to searching: flush the list every 256 kB
-- (a few dozen items) instead of the default 4 MB.
ALTER INDEX item_search_tsv_idx SET (gin_pending_list_limit = 256);
ALTER INDEX item_search_title_tsv_idx SET (gin_pending_list_limit = 256);
