drop index if exists query_records_database_name_idx;
drop index if exists query_records_executed_by_idx;
drop index if exists query_analyses_tables_idx;
drop index if exists query_analyses_flags_idx;
drop index if exists query_analyses_classes_idx;
drop index if exists query_analyses_fingerprint_idx;
