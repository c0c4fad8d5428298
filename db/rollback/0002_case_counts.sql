drop index if exists support_cases_status_priority_created_at_idx;
drop trigger if exists support_cases_count_status on support_cases;
drop trigger if exists support_cases_count_insert on support_cases;
drop function if exists count_case_change();
drop table if exists case_counts;
