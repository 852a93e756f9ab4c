-- Search: which marks a row's vectors hold (docs/adr/0004-search-ranking-for-top-k.md). Format 2 adds a
-- month mark (`~m:2025-11`) beside the year mark, so the newest matches of a word held by a few per cent of
-- the items are collected from the last months rather than the last whole year. Rows written before this
-- migration are format 1; the search plans by month only once none is left (`gongkai search reindex`
-- rewrites them), and the small partial index answers "is any left" without reading the table.
ALTER TABLE item_search ADD COLUMN index_format smallint NOT NULL DEFAULT 1;
CREATE INDEX item_search_old_format_idx ON item_search (item_id) WHERE index_format < 2;
