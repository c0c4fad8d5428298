-- The audit trail covers every fact.

-- How each event's hash was made. The chains written so far are sha256-v1 (their hash
-- leaves the event id out); from now on the application names the algorithm: sha256 or,
-- with AUDIT_HMAC_KEY, hmac-sha256, both covering the id. The default stays: during a
-- rolling deploy, replicas still on the earlier version write v1 events, and say so.
alter table case_events
  add column hash_alg text not null default 'sha256-v1'
  check (hash_alg in ('sha256-v1', 'sha256', 'hmac-sha256'));

-- A case row changes only together with the events that account for the change: checked
-- at commit, when the row and the events written with it are all in place. The new events
-- (after the row's previous events_count) must end where the row says (count and hash),
-- and explain its query count, its status and its updated_at. Immutable facts are
-- guarded by support_cases_facts_immutable (0001).
create function check_case_row_against_events() returns trigger language plpgsql as $$
declare
  since integer := case when tg_op = 'UPDATE' then old.events_count else 0 end;
  appended integer;
  recorded integer;
  last_status text;
  latest timestamptz;
  head_hash text;
begin
  select count(*),
         count(*) filter (where type = 'query_recorded'),
         (array_agg(case type when 'status_changed' then payload ->> 'to'
                              else payload ->> 'status' end order by seq desc)
            filter (where type in ('status_changed', 'case_created')))[1],
         max(occurred_at),
         (array_agg(hash order by seq desc))[1]
    into appended, recorded, last_status, latest, head_hash
    from case_events
   where case_id = new.id and seq > since and seq <= new.events_count;

  if new.events_count <= since
     or appended <> new.events_count - since
     or head_hash is distinct from new.last_event_hash
     or new.queries_count <> (case when tg_op = 'UPDATE' then old.queries_count else 0 end) + recorded
     or new.status is distinct from coalesce(last_status, old.status)
     or new.updated_at is distinct from
        (case when tg_op = 'UPDATE' then greatest(old.updated_at, latest) else latest end)
  then
    raise exception 'case %: the row does not match the events written with it', new.id
      using errcode = 'restrict_violation';
  end if;
  return null;
end $$;

create constraint trigger support_cases_match_events
  after insert or update on support_cases
  deferrable initially deferred
  for each row execute function check_case_row_against_events();
