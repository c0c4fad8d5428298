-- The aggregates are derived from cases, records and analyses, and are rebuilt by
-- migrating again.
drop trigger if exists support_cases_daily_counts on support_cases;
drop trigger if exists query_analyses_queue on query_analyses;
drop table if exists analyses_to_count;
drop function if exists count_case_day();
drop function if exists count_query_analyses();
drop function if exists queue_analyses();
drop function if exists count_analyses(uuid[], text[]);
drop function if exists plan_counting(integer);
drop function if exists analyses_of(uuid[], text[]);
-- The list counters of migration 0002 as they were: updated by each statement.
drop trigger if exists support_cases_count_insert on support_cases;
drop trigger if exists support_cases_count_status on support_cases;
create trigger support_cases_count_insert after insert on support_cases
  for each row execute function count_case_change();
create trigger support_cases_count_status after update of status on support_cases
  for each row execute function count_case_change();
drop table if exists case_resolution_histogram, case_daily_counts, query_daily_counts,
  fingerprint_time_histogram, table_stats, table_cases, fingerprint_cases, fingerprint_stats;
drop function if exists histogram_percentile(double precision, bigint[], double precision[], double precision[]);
drop function if exists histogram_bucket(double precision);
