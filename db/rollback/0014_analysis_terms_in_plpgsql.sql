-- Back to migration 0012's SQL body: the same answers.
create or replace function analysis_terms(classes text[], flags text[], tables text[])
  returns text[] language sql immutable parallel safe as $$
  select array(select 'class:' || c from unnest(classes) c)
      || array(select 'flag:' || f from unnest(flags) f)
      || array(select 'table:' || t from unnest(tables) t)
$$;
