-- analysis_terms() (migration 0012) as PL/pgSQL, with the same answers, so the index of
-- migration 0013 stays valid as it is. A SQL function whose body holds subqueries is not
-- inlined: evaluating the index expression set one up per call, 55 µs each (three per
-- create with three records); compiled once per session, this one takes about 20 µs.
create or replace function analysis_terms(classes text[], flags text[], tables text[])
  returns text[] language plpgsql immutable parallel safe as $$
declare
  terms text[] := '{}';
  term text;
begin
  foreach term in array classes loop terms := terms || ('class:' || term); end loop;
  foreach term in array flags loop terms := terms || ('flag:' || term); end loop;
  foreach term in array tables loop terms := terms || ('table:' || term); end loop;
  return terms;
end $$;
