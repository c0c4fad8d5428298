-- Back to counting at commit (migration 0010): what is queued is counted first, so the
-- counters are whole when the triggers of 0010 take over.
-- No write may queue meanwhile, and no count run beside this one.
lock table support_cases, query_analyses in exclusive mode;
do $$
begin
  perform pg_advisory_xact_lock(1130011, 0);
  while count_queued(50000) > 0 loop
  end loop;
end $$;

drop function if exists fingerprint_stats_of(text, text[]);
drop function if exists fingerprint_case_counts_before(text, text[], uuid);
drop function if exists table_case_count(text, text);
drop function if exists fingerprint_case_count(text, text);
drop view if exists query_daily_counts_now, case_resolution_histogram_now, case_daily_counts_now,
  case_counts_now;
drop function if exists count_queued(integer);
drop trigger if exists support_cases_queue_changes on support_cases;
drop function if exists queue_case_change();
drop table if exists case_changes_to_count;
drop trigger if exists query_analyses_queue on query_analyses;
drop function if exists queue_analyses();
drop table if exists analyses_to_count;

-- Migration 0002's list counters, counted at commit as 0006 and 0010 left them.
create function count_case_change() returns trigger language plpgsql as $$
declare
  bucket smallint := floor(random() * 16);
begin
  if tg_op = 'UPDATE' then
    if new.status is not distinct from old.status then
      return null;
    end if;
    insert into case_counts (status, priority, case_type, shard, n)
    values (old.status, old.priority, old.case_type, bucket, -1)
    on conflict (status, priority, case_type, shard) do update set n = case_counts.n - 1;
  end if;
  insert into case_counts (status, priority, case_type, shard, n)
  values (new.status, new.priority, new.case_type, bucket, 1)
  on conflict (status, priority, case_type, shard) do update set n = case_counts.n + 1;
  return null;
end $$;
alter function count_case_change() security definer set search_path = pg_catalog, public, pg_temp;
create constraint trigger support_cases_count_insert after insert on support_cases
  deferrable initially deferred
  for each row execute function count_case_change();
create constraint trigger support_cases_count_status after update of status on support_cases
  deferrable initially deferred
  for each row execute function count_case_change();

-- Migration 0010's queue, counting trigger and day counter, as it made them.
create table analyses_to_count (
  xact_id  xid8 not null default pg_current_xact_id(),
  query_ids         uuid[] not null,
  analyzer_versions text[] not null
);
create index analyses_to_count_xact_idx on analyses_to_count (xact_id);

create function queue_analyses() returns trigger language plpgsql
  security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  insert into analyses_to_count (query_ids, analyzer_versions)
  select array_agg(query_id), array_agg(analyzer_version) from added having count(*) > 0;
  return null;
end $$;

create function count_query_analyses() returns trigger language plpgsql
  security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  ids uuid[];
  versions text[];
begin
  with taken as (
    delete from analyses_to_count where xact_id = pg_current_xact_id()
    returning query_ids, analyzer_versions
  )
  select array_agg(t.id), array_agg(t.version) into ids, versions
  from taken, unnest(taken.query_ids, taken.analyzer_versions) as t (id, version);
  if ids is not null then
    perform plan_counting(array_length(ids, 1));
    perform count_analyses(ids, versions);
  end if;
  return null;
end $$;

create trigger query_analyses_queue after insert on query_analyses
  referencing new table as added
  for each statement execute function queue_analyses();
create constraint trigger analyses_to_count_aggregates after insert on analyses_to_count
  deferrable initially deferred
  for each row execute function count_query_analyses();

create function count_case_day() returns trigger language plpgsql
  security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  created date := (new.created_at at time zone 'UTC')::date;
  seconds double precision;
begin
  if tg_op = 'UPDATE' then
    if new.status is not distinct from old.status then
      return null;
    end if;
    update case_daily_counts set n = n - 1
    where day = created and status = old.status and priority = old.priority
      and case_type = old.case_type;
    if new.status = 'resolved' then
      seconds := greatest(extract(epoch from new.updated_at - new.created_at), 0);
      insert into case_resolution_histogram as h (day, bucket, n, lo, hi)
      values (created, histogram_bucket(seconds), 1, seconds, seconds)
      on conflict (day, bucket) do update set
        n = h.n + 1, lo = least(h.lo, excluded.lo), hi = greatest(h.hi, excluded.hi);
    end if;
  end if;
  insert into case_daily_counts as c (day, status, priority, case_type, n)
  values (created, new.status, new.priority, new.case_type, 1)
  on conflict (day, status, priority, case_type) do update set n = c.n + 1;
  return null;
end $$;

create constraint trigger support_cases_daily_counts
  after insert or update of status on support_cases
  deferrable initially deferred
  for each row execute function count_case_day();
