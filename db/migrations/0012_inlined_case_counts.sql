-- How many cases hold a fingerprint, as a set-returning SQL function the planner inlines
-- into the statement that calls it. 0011's functions were calls the planner cannot see
-- into (a scalar SQL function with sub-selects, and PL/pgSQL): about 0.25 ms each on the
-- write path, where the same two index probes inline cost 0.03 ms.

-- Counted, plus queued analyses that made their case one of the fingerprint's: one row
-- per fingerprint of `prints`. Inlinable: SQL, stable, not strict, no SET clause, called
-- in FROM.
create function fingerprint_case_counts(version text, prints text[])
  returns table (print text, cases bigint) language sql stable as $$
  select p.fp,
         coalesce((select s.cases from fingerprint_stats s
                   where s.analyzer_version = version and s.fingerprint = p.fp), 0)
         + (select count(*) from analyses_to_count q
            where q.analyzer_version = version and q.fingerprint = p.fp and q.new_case)
  from unnest(prints) p (fp)
$$;

create or replace function fingerprint_case_count(version text, print text) returns bigint
  language sql stable as $$
  select c.cases from fingerprint_case_counts(version, array[print]) c
$$;

-- What a write of `for_case` answers for its fingerprints: how many cases held each before
-- it, plus this one if it was not among them. Called by the statement that writes the
-- analyses, it sees the database as that statement began (before its own rows).
drop function fingerprint_case_counts_before(text, text[], uuid);
create function fingerprint_case_counts_before(version text, prints text[], for_case uuid)
  returns table (print text, cases bigint) language sql stable as $$
  select c.print,
         c.cases + case when exists (select from fingerprint_cases held
                                     where held.analyzer_version = version
                                       and held.fingerprint = c.print
                                       and held.case_id = for_case)
                        then 0 else 1 end
  from fingerprint_case_counts(version, prints) c
$$;

-- The query-level filters' terms of an analysis, in one array: `class:READ`,
-- `flag:DELETE_WITHOUT_WHERE`, `table:public.sales`. Migration 0013 indexes it once in
-- place of three GIN indexes (tables, flags, classes), which cost a create with three
-- records about 0.6 ms of its 2.4 ms in the database: three index insertions a row.
create function analysis_terms(classes text[], flags text[], tables text[]) returns text[]
  language sql immutable parallel safe as $$
  select array(select 'class:' || c from unnest(classes) c)
      || array(select 'flag:' || f from unnest(flags) f)
      || array(select 'table:' || t from unnest(tables) t)
$$;
