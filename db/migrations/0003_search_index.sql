-- Substring search narrowed by the enum filters in one index scan.
--
-- 0001 indexed title and description separately, so `status = … and priority = … and
-- (title ilike … or description ilike …)` merged two trigram bitmaps with a btree bitmap
-- and rechecked every case that mentions the term (a tenth of the table for a common
-- word) before throwing most of them away. One GIN index over the searchable text and
-- the enum columns (btree_gin) yields only the cases that match every condition, so the
-- exact `total` of a filtered search reads the matches and nothing else.
--
-- The repository searches `title || E'\n' || coalesce(description, '')` with exactly
-- this expression, and keeps `title ilike … or description ilike …` as the exact test,
-- so a term spanning the joint never matches.
--
-- fastupdate off: new cases go straight into the index instead of a pending list that
-- every search would scan until the next merge, so search latency does not depend on how
-- recently cases were written (each insert pays the few index entries itself).
create extension if not exists btree_gin;

create index support_cases_search_idx on support_cases using gin (
  (title || E'\n' || coalesce(description, '')) gin_trgm_ops, status, priority, case_type)
  with (fastupdate = off);

drop index support_cases_title_trgm_idx;
drop index support_cases_description_trgm_idx;
