drop trigger if exists support_cases_match_events on support_cases;
drop function if exists check_case_row_against_events();
alter table case_events drop column if exists hash_alg;
