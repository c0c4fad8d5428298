-- The list counters are kept by a trigger on support_cases; it runs as the owner of the
-- tables, so the service's role needs no write access to case_counts at all.
alter function count_case_change() security definer set search_path = pg_catalog, public, pg_temp;
