-- What the service's runtime role may do, applied again by every db:migrate (so a new
-- table is covered the moment its migration runs). {{app}} is DB_APP_ROLE. It reads and
-- appends; of a case row it may move only the projections, which migration 0005 lets move
-- only with the events that explain them. It owns nothing, so it cannot alter, drop,
-- truncate or disable triggers, and it is no superuser, so session_replication_role is
-- out of its reach.
revoke all on all tables in schema public from {{app}};
grant usage on schema public to {{app}};
grant select, insert on support_cases, query_records, case_events to {{app}};
grant update (status, queries_count, events_count, last_event_hash, updated_at)
  on support_cases to {{app}};
grant select on case_counts, schema_migrations to {{app}};
-- Idempotency keys are looked up, stored with each write, and swept once expired.
grant select, insert, delete on idempotency_keys to {{app}};
-- Analyses of query texts are read and appended, like the records they describe.
grant select, insert on query_analyses to {{app}};
-- The aggregates of migration 0010 are queued by triggers and counted by count_queued
-- (both as the owner); the service only reads them, queues included, and runs the count.
grant select on fingerprint_stats, fingerprint_cases, fingerprint_time_histogram,
  table_cases, table_stats, query_daily_counts, case_daily_counts,
  case_resolution_histogram, analyses_to_count, case_changes_to_count, case_counts_now,
  case_daily_counts_now, case_resolution_histogram_now, query_daily_counts_now to {{app}};
grant execute on function count_queued(integer) to {{app}};
