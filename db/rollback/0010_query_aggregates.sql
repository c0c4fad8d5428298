-- The aggregates are derived from cases, records and analyses, and are rebuilt by
-- migrating again.
drop trigger if exists support_cases_daily_counts on support_cases;
drop trigger if exists query_analyses_aggregates on query_analyses;
drop function if exists count_case_day();
drop function if exists count_query_analyses();
drop table if exists case_resolution_histogram, case_daily_counts, query_daily_counts,
  fingerprint_time_histogram, table_stats, table_cases, fingerprint_cases, fingerprint_stats;
drop function if exists histogram_percentile(double precision, bigint[], double precision[], double precision[]);
drop function if exists histogram_bucket(double precision);
