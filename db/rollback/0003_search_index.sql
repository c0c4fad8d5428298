create index if not exists support_cases_title_trgm_idx
  on support_cases using gin (title gin_trgm_ops);
create index if not exists support_cases_description_trgm_idx
  on support_cases using gin (description gin_trgm_ops);
drop index if exists support_cases_search_idx;
drop extension if exists btree_gin;
