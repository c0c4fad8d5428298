-- Back to migration 0011's write path: each write adds its (table, case) pairs and says in
-- its queue rows which it added. What is queued now lacks that, so it is counted first.
-- What is queued was queued the old way (its table pairs already added): counted first,
-- with no write queueing meanwhile and no count running beside this one.
lock table query_analyses in share mode;
do $$
begin
  perform pg_advisory_xact_lock(1130011, 0);
  while count_queued(50000) > 0 loop
  end loop;
end $$;

alter table analyses_to_count add column new_tables text[] not null default '{}';
alter table analyses_to_count alter column new_tables drop default;

create or replace function queue_analyses() returns trigger language plpgsql
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

create or replace function count_queued(max_rows integer) returns integer language plpgsql
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

create or replace function table_case_count(version text, qualified_name text) returns bigint
  language sql stable as $$
  select coalesce((select s.cases from table_stats s
                   where s.analyzer_version = version and s.table_name = qualified_name), 0)
       + (select count(*) from analyses_to_count q
          where q.analyzer_version = version and qualified_name = any (q.new_tables))
$$;
