-- Search: keep the title's vector in the heap row too (docs/adr/0004-search-ranking-for-top-k.md).
-- It is small, but with MAIN on tsv alone the toaster moved it (the only other sizeable column) out of
-- line instead, and every title test paid four extra page reads (measured at 1 M items). Applies to rows
-- written from now on; `gongkai search reindex` rewrites the existing ones.
ALTER TABLE item_search ALTER COLUMN title_tsv SET STORAGE MAIN;
