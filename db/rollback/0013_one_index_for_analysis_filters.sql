-- Back to migration 0009's three GIN indexes. Built in the rollback's transaction: writes
-- to query_analyses wait for the builds.
create index if not exists query_analyses_tables_idx on query_analyses using gin (tables);
create index if not exists query_analyses_flags_idx on query_analyses using gin (flags);
create index if not exists query_analyses_classes_idx on query_analyses using gin (classes);
drop index if exists query_analyses_terms_idx;
