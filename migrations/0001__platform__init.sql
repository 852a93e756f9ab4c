-- Platform basics shared by every module.
-- gen_random_uuid() is built in from PostgreSQL 13 on, so no extension is needed on PostgreSQL 15 or PGlite.
SELECT 1;
