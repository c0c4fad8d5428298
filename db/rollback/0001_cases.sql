-- destroys: support_cases, query_records, case_events
drop table if exists case_events;
drop table if exists query_records;
drop table if exists support_cases;
drop function if exists reject_append_only_change();
drop function if exists reject_case_fact_change();
