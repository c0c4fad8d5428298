-- What the list's query-level filters (issue 15) look cases up by: a record's database and
-- executor, and its analysis' tables, flags and fingerprint.
create index query_records_database_name_idx on query_records (database_name);
create index query_records_executed_by_idx on query_records (executed_by);
create index query_analyses_tables_idx on query_analyses using gin (tables);
create index query_analyses_flags_idx on query_analyses using gin (flags);
create index query_analyses_classes_idx on query_analyses using gin (classes);
create index query_analyses_fingerprint_idx on query_analyses (fingerprint);
