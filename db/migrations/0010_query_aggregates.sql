-- The aggregates of issue 15 (fingerprints and /stats), kept by triggers in the
-- transaction that writes what they count, so every read is a handful of index lookups
-- or a sum over a few thousand counter rows, whatever the number of cases.
--
-- Locks: the counter rows are shared by every write of the same fingerprint, table or
-- day, so they are updated at commit (deferred triggers), where the transaction no longer
-- waits for its client: a row is held only while the server commits, and concurrent
-- writes of one shape queue for that alone. Rows are always taken in key order, one kind
-- after the other, so two writes never take the same rows in opposite orders.

-- Distributions (query times, times to resolve) are log-scale histograms: a value v >= 1
-- falls in bucket 1 + floor(ln v / ln 1.02), below 1 in bucket 0, so every value in a
-- bucket lies within 2 % of any other. Each bucket also keeps the least and greatest value
-- it has seen: a percentile is the nearest-rank value's bucket, answered as the midpoint
-- of that range (exact when the bucket holds one distinct value, within 1 % otherwise).
create function histogram_bucket(v double precision) returns integer
  language sql immutable parallel safe
  return case when v < 1 then 0 else 1 + floor(ln(v) / ln(1.02))::integer end;

-- The nearest-rank p-quantile (0 < p <= 1) of a histogram given as arrays in bucket order.
create function histogram_percentile(
  p double precision, counts bigint[], lows double precision[], highs double precision[])
  returns double precision language plpgsql immutable parallel safe as $$
declare
  total bigint := 0;
  rank bigint;
  seen bigint := 0;
begin
  for i in 1 .. coalesce(array_length(counts, 1), 0) loop
    total := total + counts[i];
  end loop;
  if total = 0 then
    return null;
  end if;
  rank := greatest(1, ceil(p * total)::bigint);
  for i in 1 .. array_length(counts, 1) loop
    seen := seen + counts[i];
    if seen >= rank then
      return (lows[i] + highs[i]) / 2;
    end if;
  end loop;
  return highs[array_length(highs, 1)];
end $$;

-- One row per query shape (per analyzer version: a new parser may fingerprint anew).
create table fingerprint_stats (
  analyzer_version  varchar(32) not null,
  fingerprint       varchar(32) not null,
  normalized        text not null,
  statement_types   text[] not null,
  classes           text[] not null,
  -- Every table seen under the fingerprint (it ignores schemas and aliased table names).
  tables            text[] not null,
  occurrences       bigint not null check (occurrences >= 1),
  cases             bigint not null check (cases >= 0),
  timed             bigint not null check (timed >= 0),
  total_time_ms     bigint not null check (total_time_ms >= 0),
  max_time_ms       integer,
  p50_time_ms       double precision,
  p95_time_ms       double precision,
  rows_affected_sum numeric not null check (rows_affected_sum >= 0),
  first_seen        timestamptz(3) not null,
  last_seen         timestamptz(3) not null,
  primary key (analyzer_version, fingerprint)
);

create index fingerprint_stats_occurrences_idx
  on fingerprint_stats (analyzer_version, occurrences, fingerprint);
create index fingerprint_stats_total_time_idx
  on fingerprint_stats (analyzer_version, total_time_ms, fingerprint);
create index fingerprint_stats_p95_idx
  on fingerprint_stats (analyzer_version, p95_time_ms desc nulls last, fingerprint desc);

-- Which cases hold each fingerprint: a pair is counted in fingerprint_stats.cases the
-- first time it is written.
create table fingerprint_cases (
  analyzer_version varchar(32) not null,
  fingerprint      varchar(32) not null,
  case_id          uuid not null references support_cases (id),
  primary key (analyzer_version, fingerprint, case_id)
);

-- Which cases name each table, and how many: the exact total of a list filtered by one
-- table alone (a frequent table matches a large share of the cases; counting them is
-- O(matches), this is one row).
create table table_cases (
  analyzer_version varchar(32) not null,
  table_name       text not null,
  case_id          uuid not null references support_cases (id),
  primary key (analyzer_version, table_name, case_id)
);

create table table_stats (
  analyzer_version varchar(32) not null,
  table_name       text not null,
  cases            bigint not null check (cases >= 0),
  primary key (analyzer_version, table_name)
);

create table fingerprint_time_histogram (
  analyzer_version varchar(32) not null,
  fingerprint      varchar(32) not null,
  bucket           integer not null,
  n                bigint not null,
  lo               double precision not null,
  hi               double precision not null,
  primary key (analyzer_version, fingerprint, bucket)
);

-- Query records per UTC day of execution, by table, fingerprint or flag, and database.
create table query_daily_counts (
  analyzer_version varchar(32) not null,
  day              date not null,
  dimension        text not null check (dimension in ('table', 'fingerprint', 'flag')),
  key              text not null,
  database_name    varchar(128) not null,
  n                bigint not null,
  primary key (analyzer_version, dimension, day, key, database_name)
);

-- Cases per UTC day of creation and current status, priority and type.
create table case_daily_counts (
  day       date not null,
  status    text not null,
  priority  text not null,
  case_type text not null,
  n         bigint not null,
  primary key (day, status, priority, case_type)
);

-- Times from creation to resolution (seconds), by UTC day of creation.
create table case_resolution_histogram (
  day    date not null,
  bucket integer not null,
  n      bigint not null,
  lo     double precision not null,
  hi     double precision not null,
  primary key (day, bucket)
);

-- Analyses written by transactions still open, one row per insert statement: queued by
-- its statement trigger and counted, all at once, when the transaction commits.
create table analyses_to_count (
  xact_id  xid8 not null default pg_current_xact_id(),
  query_ids         uuid[] not null,
  analyzer_versions text[] not null
);
create index analyses_to_count_xact_idx on analyses_to_count (xact_id);

-- The analyses among `ids` x `versions` (the rows to count), read back in full.
create function analyses_of(ids uuid[], versions text[]) returns setof query_analyses
  language sql stable as $$
  select a.* from unnest(ids, versions) t (query_id, analyzer_version)
  join query_analyses a using (query_id, analyzer_version)
$$;

create function queue_analyses() returns trigger language plpgsql
  security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  insert into analyses_to_count (query_ids, analyzer_versions)
  select array_agg(query_id), array_agg(analyzer_version) from added having count(*) > 0;
  return null;
end $$;

-- Counts the analyses among `ids` x `versions` into every aggregate, in key order.
-- Callers choose the plan mode first (plan_counting): a generic plan of these statements
-- assumes a small `ids`.
create function count_analyses(ids uuid[], versions text[]) returns void language plpgsql
  set search_path = pg_catalog, public, pg_temp as $$
begin
  -- Fingerprints: occurrences, distinct cases and totals; the shape from the earliest.
  with occurrence as (
    select a.analyzer_version, a.fingerprint, a.normalized, a.statement_types, a.classes,
           a.tables, q.case_id, q.execution_time_ms, q.rows_affected, q.executed_at
    from analyses_of(ids, versions) a join query_records q on q.id = a.query_id
    where a.fingerprint is not null
  ),
  new_pair as (
    insert into fingerprint_cases (analyzer_version, fingerprint, case_id)
    select distinct analyzer_version, fingerprint, case_id from occurrence order by 1, 2, 3
    on conflict do nothing
    returning analyzer_version, fingerprint
  ),
  new_cases as (
    select analyzer_version, fingerprint, count(*) as n from new_pair group by 1, 2
  ),
  shape as (
    select distinct on (analyzer_version, fingerprint)
           analyzer_version, fingerprint, normalized, statement_types, classes
    from occurrence order by analyzer_version, fingerprint, executed_at
  ),
  seen_table as (
    select analyzer_version, fingerprint, array_agg(distinct t order by t) as tables
    from occurrence, unnest(tables) t group by 1, 2
  )
  insert into fingerprint_stats as s (
    analyzer_version, fingerprint, normalized, statement_types, classes, tables,
    occurrences, cases, timed, total_time_ms, max_time_ms, rows_affected_sum,
    first_seen, last_seen)
  select o.analyzer_version, o.fingerprint,
         min(f.normalized), min(f.statement_types), min(f.classes), coalesce(min(t.tables), '{}'),
         count(*), coalesce(min(c.n), 0),
         count(o.execution_time_ms), coalesce(sum(o.execution_time_ms), 0),
         max(o.execution_time_ms), coalesce(sum(o.rows_affected), 0),
         min(o.executed_at), max(o.executed_at)
  from occurrence o
  join shape f using (analyzer_version, fingerprint)
  left join new_cases c using (analyzer_version, fingerprint)
  left join seen_table t using (analyzer_version, fingerprint)
  group by o.analyzer_version, o.fingerprint
  order by o.analyzer_version, o.fingerprint
  on conflict (analyzer_version, fingerprint) do update set
    tables = array(select distinct t from unnest(s.tables || excluded.tables) t order by t),
    occurrences = s.occurrences + excluded.occurrences,
    cases = s.cases + excluded.cases,
    timed = s.timed + excluded.timed,
    total_time_ms = s.total_time_ms + excluded.total_time_ms,
    max_time_ms = greatest(s.max_time_ms, excluded.max_time_ms),
    rows_affected_sum = s.rows_affected_sum + excluded.rows_affected_sum,
    first_seen = least(s.first_seen, excluded.first_seen),
    last_seen = greatest(s.last_seen, excluded.last_seen);

  with new_pair as (
    insert into table_cases (analyzer_version, table_name, case_id)
    select distinct a.analyzer_version, t, q.case_id
    from analyses_of(ids, versions) a join query_records q on q.id = a.query_id, unnest(a.tables) t
    order by 1, 2, 3
    on conflict do nothing
    returning analyzer_version, table_name
  )
  insert into table_stats as s (analyzer_version, table_name, cases)
  select analyzer_version, table_name, count(*) from new_pair
  group by 1, 2
  order by 1, 2
  on conflict (analyzer_version, table_name) do update set cases = s.cases + excluded.cases;

  insert into fingerprint_time_histogram as h (analyzer_version, fingerprint, bucket, n, lo, hi)
  select a.analyzer_version, a.fingerprint, histogram_bucket(q.execution_time_ms),
         count(*), min(q.execution_time_ms), max(q.execution_time_ms)
  from analyses_of(ids, versions) a join query_records q on q.id = a.query_id
  where a.fingerprint is not null and q.execution_time_ms is not null
  group by 1, 2, 3
  order by 1, 2, 3
  on conflict (analyzer_version, fingerprint, bucket) do update set
    n = h.n + excluded.n, lo = least(h.lo, excluded.lo), hi = greatest(h.hi, excluded.hi);

  -- The percentiles the top list sorts by, from the histograms just updated.
  update fingerprint_stats s set p50_time_ms = p.p50, p95_time_ms = p.p95
  from (
    select h.analyzer_version, h.fingerprint,
           histogram_percentile(0.5, array_agg(h.n order by h.bucket),
             array_agg(h.lo order by h.bucket), array_agg(h.hi order by h.bucket)) as p50,
           histogram_percentile(0.95, array_agg(h.n order by h.bucket),
             array_agg(h.lo order by h.bucket), array_agg(h.hi order by h.bucket)) as p95
    from fingerprint_time_histogram h
    where (h.analyzer_version, h.fingerprint) in (
      select distinct a.analyzer_version, a.fingerprint from analyses_of(ids, versions) a
      where a.fingerprint is not null)
    group by 1, 2
  ) p
  where s.analyzer_version = p.analyzer_version and s.fingerprint = p.fingerprint;

  insert into query_daily_counts as d (analyzer_version, day, dimension, key, database_name, n)
  select a.analyzer_version, (q.executed_at at time zone 'UTC')::date, k.dimension, k.key,
         q.database_name, count(*)
  from analyses_of(ids, versions) a
  join query_records q on q.id = a.query_id
  cross join lateral (
    select 'table', t from unnest(a.tables) t
    union all select 'flag', f from unnest(a.flags) f
    union all select 'fingerprint', a.fingerprint where a.fingerprint is not null
  ) k (dimension, key)
  group by 1, 2, 3, 4, 5
  order by 1, 3, 2, 4, 5
  on conflict (analyzer_version, dimension, day, key, database_name) do update set
    n = d.n + excluded.n;
end $$;
-- Only the triggers (as the tables' owner) may count.
revoke execute on function count_analyses(uuid[], text[]) from public;

-- A write's few analyses are counted with generic plans: planned anew for each commit,
-- these statements cost 2.8 ms a call instead of 0.6 ms. A generic plan assumes a small
-- `ids` and joins its CTEs by nested loops, quadratic in a batch of thousands (a bulk
-- insert, the backfill below), which gets plans made for its size instead. Lasts until
-- the transaction ends (counting is the last thing it does).
create function plan_counting(analyses integer) returns void language sql as $$
  select set_config('plan_cache_mode',
    case when analyses <= 100 then 'force_generic_plan' else 'force_custom_plan' end, true)
$$;

-- At commit, the first call takes every analysis the transaction queued (an insert
-- statement is one row); the calls for its other rows, if any, find none.
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

-- The list counters of migration 0002 move at commit too: taken by a create's first
-- statement, they were held for its whole transaction.
drop trigger support_cases_count_insert on support_cases;
drop trigger support_cases_count_status on support_cases;
create constraint trigger support_cases_count_insert after insert on support_cases
  deferrable initially deferred
  for each row execute function count_case_change();
create constraint trigger support_cases_count_status after update of status on support_cases
  deferrable initially deferred
  for each row execute function count_case_change();

-- Runs at commit (deferred), so the day's counter rows are held only while committing.
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

-- What is already written, counted once.
insert into case_daily_counts (day, status, priority, case_type, n)
select (created_at at time zone 'UTC')::date, status, priority, case_type, count(*)
from support_cases group by 1, 2, 3, 4;

insert into case_resolution_histogram (day, bucket, n, lo, hi)
select day, histogram_bucket(seconds), count(*), min(seconds), max(seconds)
from (
  select (c.created_at at time zone 'UTC')::date as day,
         greatest(extract(epoch from min(e.occurred_at) - c.created_at), 0) as seconds
  from support_cases c
  join case_events e on e.case_id = c.id
   and e.type = 'status_changed' and e.payload ->> 'to' = 'resolved'
  group by c.id, c.created_at
) resolved
group by 1, 2;

-- The analyses written so far, counted in batches.
do $$
declare
  batch record;
begin
  for batch in
    select array_agg(query_id) as ids, array_agg(analyzer_version) as versions
    from (select query_id, analyzer_version, row_number() over (order by query_id) as n
          from query_analyses) numbered
    group by (n - 1) / 50000
  loop
    perform plan_counting(array_length(batch.ids, 1));
    perform count_analyses(batch.ids, batch.versions);
  end loop;
end $$;
