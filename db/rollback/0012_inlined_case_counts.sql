-- Back to 0011's functions: the same answers, called instead of inlined.
drop function fingerprint_case_counts_before(text, text[], uuid);
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

create or replace function fingerprint_case_count(version text, print text) returns bigint
  language sql stable as $$
  select coalesce((select s.cases from fingerprint_stats s
                   where s.analyzer_version = version and s.fingerprint = print), 0)
       + (select count(*) from analyses_to_count q
          where q.analyzer_version = version and q.fingerprint = print and q.new_case)
$$;

drop function fingerprint_case_counts(text, text[]);

drop function analysis_terms(text[], text[], text[]);
