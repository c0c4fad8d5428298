-- migrate: no-transaction
-- The list's analysis filters (table, flag, statement class) look records up through one
-- GIN index over analysis_terms() (migration 0012) instead of one per column: a write
-- inserts into one index instead of three, and a request that filters on two of them
-- probes one index once. Built without blocking writes; a failed build leaves an invalid
-- index, dropped first when the migration runs again.
drop index concurrently if exists query_analyses_terms_idx;
create index concurrently query_analyses_terms_idx
  on query_analyses using gin (analysis_terms(classes, flags, tables));
drop index concurrently if exists query_analyses_tables_idx;
drop index concurrently if exists query_analyses_flags_idx;
drop index concurrently if exists query_analyses_classes_idx;
