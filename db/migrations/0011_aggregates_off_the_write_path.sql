-- The aggregates of migration 0010, counted behind the writes instead of inside them.
--
-- 0010 counted each write's analyses and case changes when it committed. Every write of
-- one query shape, table or day updates the same counter rows, so concurrent creates
-- queued for them through each other's commit, and every create paid ~2 ms of counting:
-- W1 (create with 3 queries) lost half its throughput. Now a write only appends what it
-- adds to a queue (rows nobody else updates, so no waits), and the service counts the
-- queue into the aggregates in batches about twice a second (count_queued, below): one
-- set-based statement per batch instead of half a dozen per write.
--
-- Reads stay exact. A queued row is a committed write not yet counted, and counting one
-- moves it from the queue into the aggregates in one transaction, so every reading
-- statement adds what its snapshot sees queued to the counters (the *_now views and the
-- functions below): a figure read right after a create includes it.

-- One row per analysis written and not yet counted: what the aggregates need from the
-- analysis and its record, so a read adds it without joins.
drop trigger query_analyses_queue on query_analyses;
drop trigger analyses_to_count_aggregates on analyses_to_count;
drop function count_query_analyses();
drop function queue_analyses();
-- Empty: 0010 counted and emptied it at every commit.
drop table analyses_to_count;

create table analyses_to_count (
  id                bigint generated always as identity primary key,
  query_id          uuid not null,
  analyzer_version  varchar(32) not null,
  fingerprint       varchar(32),
  tables            text[] not null,
  flags             text[] not null,
  case_id           uuid not null,
  database_name     varchar(128) not null,
  execution_time_ms integer,
  rows_affected     bigint,
  executed_at       timestamptz(3) not null,
  -- Whether this analysis made its case one of the fingerprint's, and which of its
  -- tables it made the case name (the pairs of fingerprint_cases and table_cases, which
  -- the write adds at once: a pair is per case, so no other write waits on it).
  new_case          boolean not null,
  new_tables        text[] not null
);
create index analyses_to_count_fingerprint_idx
  on analyses_to_count (analyzer_version, fingerprint, new_case);
-- A queue's rows live half a second: vacuumed after every 10,000 counted, whatever the
-- table's size, so a count never walks a long run of dead index entries to its first row
-- (after a bulk load, 300,000 of them made each count take 100 ms instead of 7).
alter table analyses_to_count set (
  autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000);

-- One statement per insert of analyses, set-based over its transition table: a row
-- trigger cost three times as much (four statements a row). A pair new to its table
-- marks the first of the statement's analyses that made it (by query id), so each is
-- counted once.
create function queue_analyses() returns trigger language plpgsql
  security definer set search_path = pg_catalog, public, pg_temp as $$
begin
  with written as materialized (
    select a.query_id, a.analyzer_version, a.fingerprint, a.tables, a.flags, r.case_id,
           r.database_name, r.execution_time_ms, r.rows_affected, r.executed_at
    from added a
    -- One primary-key lookup per analysis (`offset 0` keeps the planner, which knows
    -- nothing of the transition table's size, from joining it with a scan of every record).
    cross join lateral (
      select r.case_id, r.database_name, r.execution_time_ms, r.rows_affected, r.executed_at
      from query_records r where r.id = a.query_id offset 0
    ) r
  ),
  case_pairs as (
    insert into fingerprint_cases (analyzer_version, fingerprint, case_id)
    select distinct analyzer_version, fingerprint, case_id from written
    where fingerprint is not null
    order by 1, 2, 3
    on conflict do nothing
    returning analyzer_version, fingerprint, case_id
  ),
  table_pairs as (
    insert into table_cases (analyzer_version, table_name, case_id)
    select distinct analyzer_version, t, case_id from written, unnest(tables) t
    order by 1, 2, 3
    on conflict do nothing
    returning analyzer_version, table_name, case_id
  ),
  first_of_case as (
    select distinct on (w.analyzer_version, w.fingerprint, w.case_id)
           w.query_id, w.analyzer_version
    from written w
    join case_pairs p using (analyzer_version, fingerprint, case_id)
    order by w.analyzer_version, w.fingerprint, w.case_id, w.query_id
  ),
  first_of_table as (
    select distinct on (w.analyzer_version, p.table_name, w.case_id)
           w.query_id, w.analyzer_version, p.table_name
    from written w
    cross join unnest(w.tables) t (table_name)
    join table_pairs p using (analyzer_version, table_name, case_id)
    order by w.analyzer_version, p.table_name, w.case_id, w.query_id
  ),
  new_tables as (
    select query_id, analyzer_version, array_agg(table_name order by table_name) as tables
    from first_of_table group by 1, 2
  )
  insert into analyses_to_count (
    query_id, analyzer_version, fingerprint, tables, flags, case_id, database_name,
    execution_time_ms, rows_affected, executed_at, new_case, new_tables)
  select w.query_id, w.analyzer_version, w.fingerprint, w.tables, w.flags, w.case_id,
         w.database_name, w.execution_time_ms, w.rows_affected, w.executed_at,
         c.analyzer_version is not null, coalesce(n.tables, '{}')
  from written w
  left join first_of_case c using (query_id, analyzer_version)
  left join new_tables n using (query_id, analyzer_version);
  return null;
end $$;

create trigger query_analyses_queue after insert on query_analyses
  referencing new table as added
  for each statement execute function queue_analyses();

-- One row per move of a case between counters (the list totals of migration 0002 and the
-- day counters of 0010): +1 when it is created, -1 and +1 when its status changes (with
-- the seconds it took if the move is to `resolved`).
create table case_changes_to_count (
  id               bigint generated always as identity primary key,
  day              date not null,
  status           text not null,
  priority         text not null,
  case_type        text not null,
  delta            integer not null check (delta in (-1, 1)),
  resolved_seconds double precision
);
alter table case_changes_to_count set (
  autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000);

drop trigger support_cases_daily_counts on support_cases;
drop function count_case_day();
drop trigger support_cases_count_insert on support_cases;
drop trigger support_cases_count_status on support_cases;
drop function count_case_change();

create function queue_case_change() returns trigger language plpgsql
  security definer set search_path = pg_catalog, public, pg_temp as $$
declare
  created date := (new.created_at at time zone 'UTC')::date;
begin
  if tg_op = 'UPDATE' then
    if new.status is not distinct from old.status then
      return null;
    end if;
    insert into case_changes_to_count (day, status, priority, case_type, delta)
    values (created, old.status, old.priority, old.case_type, -1);
  end if;
  insert into case_changes_to_count (day, status, priority, case_type, delta, resolved_seconds)
  values (created, new.status, new.priority, new.case_type, 1,
          case when tg_op = 'UPDATE' and new.status = 'resolved'
               then greatest(extract(epoch from new.updated_at - new.created_at), 0) end);
  return null;
end $$;

create trigger support_cases_queue_changes after insert or update of status on support_cases
  for each row execute function queue_case_change();

-- Counts up to `max_rows` queued analyses and as many queued case changes, oldest first,
-- and answers how many rows it counted (less than 2 x max_rows: the queues are empty).
-- One count runs at a time: a concurrent call (another replica's) returns 0 at once.
-- Each queue is counted by one statement, from its rows alone: the analyses and records
-- are read back only for the shape of a fingerprint seen for the first time.
create function count_queued(max_rows integer) returns integer language plpgsql
  security definer set search_path = pg_catalog, public, pg_temp
  -- Planned once per connection: custom plans of these statements cost ~6 ms each call,
  -- and their shape does not depend on the batch (every lookup is by key).
  set plan_cache_mode = force_generic_plan as $$
declare
  analyses integer;
  changes integer;
begin
  if not pg_try_advisory_xact_lock(1130011, 0) then
    return 0;
  end if;

  with taken as (
    delete from analyses_to_count
    where id in (select id from analyses_to_count order by id limit max_rows)
    returning *
  ),
  printed as (
    select * from taken where fingerprint is not null
  ),
  new_cases as (
    select analyzer_version, fingerprint, count(*) as n from printed where new_case group by 1, 2
  ),
  tables_counted as (
    insert into table_stats as s (analyzer_version, table_name, cases)
    select analyzer_version, t, count(*) from taken, unnest(new_tables) t
    group by 1, 2
    order by 1, 2
    on conflict (analyzer_version, table_name) do update set cases = s.cases + excluded.cases
  ),
  taken_buckets as (
    select analyzer_version, fingerprint, histogram_bucket(execution_time_ms) as bucket,
           count(*) as n, min(execution_time_ms)::double precision as lo,
           max(execution_time_ms)::double precision as hi
    from printed where execution_time_ms is not null
    group by 1, 2, 3
  ),
  histogram as (
    insert into fingerprint_time_histogram as h (analyzer_version, fingerprint, bucket, n, lo, hi)
    select * from taken_buckets order by 1, 2, 3
    on conflict (analyzer_version, fingerprint, bucket) do update set
      n = h.n + excluded.n, lo = least(h.lo, excluded.lo), hi = greatest(h.hi, excluded.hi)
  ),
  -- The histograms as this count leaves them (its own insert is not visible here).
  percentiles as (
    select analyzer_version, fingerprint,
           histogram_percentile(0.5, array_agg(n order by bucket),
             array_agg(lo order by bucket), array_agg(hi order by bucket)) as p50,
           histogram_percentile(0.95, array_agg(n order by bucket),
             array_agg(lo order by bucket), array_agg(hi order by bucket)) as p95
    from (
      select analyzer_version, fingerprint, bucket, sum(n)::bigint as n, min(lo) as lo,
             max(hi) as hi
      from (
        select k.analyzer_version, k.fingerprint, h.bucket, h.n, h.lo, h.hi
        from (select distinct analyzer_version, fingerprint from taken_buckets) k
        cross join lateral (
          select h.bucket, h.n, h.lo, h.hi from fingerprint_time_histogram h
          where h.analyzer_version = k.analyzer_version and h.fingerprint = k.fingerprint
          offset 0
        ) h
        union all
        select * from taken_buckets
      ) both_parts
      group by 1, 2, 3
    ) merged
    group by 1, 2
  ),
  -- The shape of a fingerprint not counted before, from its earliest record here: one
  -- primary-key lookup each (`offset 0`: never a scan of every analysis).
  shape as (
    select distinct on (q.analyzer_version, q.fingerprint)
           q.analyzer_version, q.fingerprint, a.normalized, a.statement_types, a.classes
    from printed q
    cross join lateral (
      select x.normalized, x.statement_types, x.classes from query_analyses x
      where x.query_id = q.query_id and x.analyzer_version = q.analyzer_version offset 0
    ) a
    where not exists (select from fingerprint_stats s
                      where s.analyzer_version = q.analyzer_version
                        and s.fingerprint = q.fingerprint)
    order by q.analyzer_version, q.fingerprint, q.executed_at
  ),
  seen_table as (
    select analyzer_version, fingerprint, array_agg(distinct t order by t) as tables
    from printed, unnest(tables) t group by 1, 2
  ),
  daily as (
    insert into query_daily_counts as d (analyzer_version, day, dimension, key, database_name, n)
    select q.analyzer_version, (q.executed_at at time zone 'UTC')::date, k.dimension, k.key,
           q.database_name, count(*)
    from taken q
    cross join lateral (
      select 'table', t from unnest(q.tables) t
      union all select 'flag', f from unnest(q.flags) f
      union all select 'fingerprint', q.fingerprint where q.fingerprint is not null
    ) k (dimension, key)
    group by 1, 2, 3, 4, 5
    order by 1, 3, 2, 4, 5
    on conflict (analyzer_version, dimension, day, key, database_name) do update set
      n = d.n + excluded.n
  ),
  stats as (
    insert into fingerprint_stats as s (
      analyzer_version, fingerprint, normalized, statement_types, classes, tables,
      occurrences, cases, timed, total_time_ms, max_time_ms, p50_time_ms, p95_time_ms,
      rows_affected_sum, first_seen, last_seen)
    select o.analyzer_version, o.fingerprint,
           coalesce(min(f.normalized), ''), coalesce(min(f.statement_types), '{}'),
           coalesce(min(f.classes), '{}'), coalesce(min(t.tables), '{}'),
           count(*), coalesce(min(c.n), 0),
           count(o.execution_time_ms), coalesce(sum(o.execution_time_ms), 0),
           max(o.execution_time_ms), min(p.p50), min(p.p95),
           coalesce(sum(o.rows_affected), 0),
           min(o.executed_at), max(o.executed_at)
    from printed o
    left join shape f using (analyzer_version, fingerprint)
    left join new_cases c using (analyzer_version, fingerprint)
    left join seen_table t using (analyzer_version, fingerprint)
    left join percentiles p using (analyzer_version, fingerprint)
    group by o.analyzer_version, o.fingerprint
    order by o.analyzer_version, o.fingerprint
    on conflict (analyzer_version, fingerprint) do update set
      tables = array(select distinct t from unnest(s.tables || excluded.tables) t order by t),
      occurrences = s.occurrences + excluded.occurrences,
      cases = s.cases + excluded.cases,
      timed = s.timed + excluded.timed,
      total_time_ms = s.total_time_ms + excluded.total_time_ms,
      max_time_ms = greatest(s.max_time_ms, excluded.max_time_ms),
      p50_time_ms = coalesce(excluded.p50_time_ms, s.p50_time_ms),
      p95_time_ms = coalesce(excluded.p95_time_ms, s.p95_time_ms),
      rows_affected_sum = s.rows_affected_sum + excluded.rows_affected_sum,
      first_seen = least(s.first_seen, excluded.first_seen),
      last_seen = greatest(s.last_seen, excluded.last_seen)
  )
  select count(*) into analyses from taken;

  with taken as (
    delete from case_changes_to_count
    where id in (select id from case_changes_to_count order by id limit max_rows)
    returning day, status, priority, case_type, delta, resolved_seconds
  ),
  resolved as (
    insert into case_resolution_histogram as h (day, bucket, n, lo, hi)
    select day, histogram_bucket(resolved_seconds), count(*), min(resolved_seconds),
           max(resolved_seconds)
    from taken where resolved_seconds is not null
    group by 1, 2
    order by 1, 2
    on conflict (day, bucket) do update set
      n = h.n + excluded.n, lo = least(h.lo, excluded.lo), hi = greatest(h.hi, excluded.hi)
  ),
  listed as (
    insert into case_counts as c (status, priority, case_type, shard, n)
    select status, priority, case_type, 0, sum(delta)
    from taken
    group by 1, 2, 3
    order by 1, 2, 3
    on conflict (status, priority, case_type, shard) do update set n = c.n + excluded.n
  ),
  counted as (
    insert into case_daily_counts as c (day, status, priority, case_type, n)
    select day, status, priority, case_type, sum(delta)
    from taken
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4
    on conflict (day, status, priority, case_type) do update set n = c.n + excluded.n
  )
  select count(*) into changes from taken;
  return analyses + changes;
end $$;
revoke execute on function count_queued(integer) from public;

-- What the reads add: the counters plus the queued rows, as one relation per aggregate.
-- A statement that reads one sees each write either queued or counted, never both.

create view case_counts_now as
  select status, priority, case_type, n from case_counts
  union all
  select status, priority, case_type, delta from case_changes_to_count;

create view case_daily_counts_now as
  select day, status, priority, case_type, n from case_daily_counts
  union all
  select day, status, priority, case_type, delta from case_changes_to_count;

create view case_resolution_histogram_now as
  select day, bucket, n, lo, hi from case_resolution_histogram
  union all
  select day, histogram_bucket(resolved_seconds), 1, resolved_seconds, resolved_seconds
  from case_changes_to_count where resolved_seconds is not null;

create view query_daily_counts_now as
  select analyzer_version, day, dimension, key, database_name, n from query_daily_counts
  union all
  select q.analyzer_version, (q.executed_at at time zone 'UTC')::date, k.dimension, k.key,
         q.database_name, 1
  from analyses_to_count q
  cross join lateral (
    select 'table', t from unnest(q.tables) t
    union all select 'flag', f from unnest(q.flags) f
    union all select 'fingerprint', q.fingerprint where q.fingerprint is not null
  ) k (dimension, key);

-- How many distinct cases hold a fingerprint: counted, plus queued analyses that made
-- their case one of its cases.
create function fingerprint_case_count(version text, print text) returns bigint
  language sql stable as $$
  select coalesce((select s.cases from fingerprint_stats s
                   where s.analyzer_version = version and s.fingerprint = print), 0)
       + (select count(*) from analyses_to_count q
          where q.analyzer_version = version and q.fingerprint = print and q.new_case)
$$;

-- How many distinct cases name a table: counted, plus queued analyses that made their
-- case name it.
create function table_case_count(version text, qualified_name text) returns bigint
  language sql stable as $$
  select coalesce((select s.cases from table_stats s
                   where s.analyzer_version = version and s.table_name = qualified_name), 0)
       + (select count(*) from analyses_to_count q
          where q.analyzer_version = version and qualified_name = any (q.new_tables))
$$;

-- What a write of `case_id` answers for its fingerprints: how many cases held each before
-- it, plus this one if it was not among them. Called by the statement that writes the
-- analyses, it sees the database as that statement began (before its own rows). PL/pgSQL,
-- so its plan is kept by the session and the write's statement stays cheap to plan.
create function fingerprint_case_counts_before(version text, prints text[], for_case uuid)
  returns table (print text, cases bigint) language plpgsql stable as $$
begin
  return query
    select p.fp, fingerprint_case_count(version, p.fp)
                 + case when exists (select from fingerprint_cases held
                                     where held.analyzer_version = version
                                       and held.fingerprint = p.fp
                                       and held.case_id = for_case)
                        then 0 else 1 end
    from unnest(prints) p (fp);
end $$;

-- The fingerprint_stats rows of `prints` with their queued analyses added, as count_queued
-- will leave them: the shape of a fingerprint not yet counted from its earliest record,
-- percentiles from the histogram plus the queued times.
create function fingerprint_stats_of(version text, prints text[])
  returns setof fingerprint_stats language sql stable as $$
  with wanted as (
    select distinct print from unnest(prints) print
  ),
  queued as materialized (
    select q.* from analyses_to_count q
    where q.analyzer_version = version and q.fingerprint in (select print from wanted)
  ),
  added as (
    select fingerprint,
           count(*) as occurrences,
           count(*) filter (where new_case) as cases,
           count(execution_time_ms) as timed,
           coalesce(sum(execution_time_ms), 0) as total_time_ms,
           max(execution_time_ms) as max_time_ms,
           coalesce(sum(rows_affected), 0) as rows_affected_sum,
           min(executed_at) as first_seen,
           max(executed_at) as last_seen
    from queued
    group by fingerprint
  ),
  seen_tables as (
    select fingerprint, array_agg(distinct t order by t) as tables
    from queued, unnest(tables) t
    group by 1
  ),
  shape as (
    select distinct on (q.fingerprint) q.fingerprint, a.normalized, a.statement_types, a.classes
    from queued q
    join query_analyses a on a.query_id = q.query_id and a.analyzer_version = q.analyzer_version
    order by q.fingerprint, q.executed_at
  ),
  buckets as (
    select fingerprint, bucket, sum(n)::bigint as n, min(lo) as lo, max(hi) as hi
    from (
      select k.fingerprint, h.bucket, h.n, h.lo, h.hi
      from added k
      cross join lateral (
        select h.bucket, h.n, h.lo, h.hi from fingerprint_time_histogram h
        where h.analyzer_version = version and h.fingerprint = k.fingerprint offset 0
      ) h
      union all
      select fingerprint, histogram_bucket(execution_time_ms), 1,
             execution_time_ms, execution_time_ms
      from queued where execution_time_ms is not null
    ) b
    group by 1, 2
  ),
  percentiles as (
    select fingerprint,
           histogram_percentile(0.5, array_agg(n order by bucket),
             array_agg(lo order by bucket), array_agg(hi order by bucket)) as p50,
           histogram_percentile(0.95, array_agg(n order by bucket),
             array_agg(lo order by bucket), array_agg(hi order by bucket)) as p95
    from buckets
    group by 1
  )
  select version::varchar(32), w.print::varchar(32),
         coalesce(s.normalized, sh.normalized),
         coalesce(s.statement_types, sh.statement_types),
         coalesce(s.classes, sh.classes),
         array(select distinct t from unnest(coalesce(s.tables, '{}') || coalesce(st.tables, '{}')) t
               order by t),
         coalesce(s.occurrences, 0) + coalesce(a.occurrences, 0),
         coalesce(s.cases, 0) + coalesce(a.cases, 0),
         coalesce(s.timed, 0) + coalesce(a.timed, 0),
         coalesce(s.total_time_ms, 0) + coalesce(a.total_time_ms, 0),
         greatest(s.max_time_ms, a.max_time_ms),
         coalesce(p.p50, s.p50_time_ms),
         coalesce(p.p95, s.p95_time_ms),
         coalesce(s.rows_affected_sum, 0) + coalesce(a.rows_affected_sum, 0),
         least(s.first_seen, a.first_seen),
         greatest(s.last_seen, a.last_seen)
  from wanted w
  left join fingerprint_stats s on s.analyzer_version = version and s.fingerprint = w.print
  left join added a on a.fingerprint = w.print
  left join seen_tables st on st.fingerprint = w.print
  left join shape sh on sh.fingerprint = w.print
  left join percentiles p on p.fingerprint = w.print
  where s.fingerprint is not null or a.fingerprint is not null
$$;
