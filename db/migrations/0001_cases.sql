-- Cases, the SQL queries recorded on them, and their append-only event trail.
create extension if not exists pg_trgm;

create table support_cases (
  id             uuid primary key,
  title          varchar(200) not null check (btrim(title) <> '' and title = btrim(title)),
  description    varchar(5000),
  case_type      text not null check (case_type in ('support', 'requirement', 'investigation')),
  priority       text not null check (priority in ('low', 'medium', 'high', 'critical')),
  status         text not null default 'open'
                 check (status in ('open', 'in_progress', 'resolved', 'closed')),
  -- Ranks make priority and status sort by meaning, not alphabetically, and are indexable.
  priority_rank  smallint not null generated always as (
                   case priority when 'low' then 1 when 'medium' then 2
                                 when 'high' then 3 else 4 end) stored,
  status_rank    smallint not null generated always as (
                   case status when 'open' then 1 when 'in_progress' then 2
                               when 'resolved' then 3 else 4 end) stored,
  created_by     varchar(255) not null check (created_by = lower(created_by) and created_by <> ''),
  created_at     timestamptz(3) not null,
  updated_at     timestamptz(3) not null check (updated_at >= created_at),
  -- Projections of the child tables, maintained in the transaction that appends to them.
  queries_count  integer not null default 0 check (queries_count >= 0),
  events_count   integer not null default 0 check (events_count >= 0),
  last_event_hash char(64)
);

create table query_records (
  id                uuid primary key,
  case_id           uuid not null references support_cases (id),
  position          integer not null check (position >= 1),
  database_name     varchar(128) not null check (database_name <> ''),
  schema_name       varchar(128) not null check (schema_name <> ''),
  query_text        text not null check (char_length(query_text) between 1 and 100000),
  execution_time_ms integer check (execution_time_ms >= 0),
  rows_affected     bigint check (rows_affected >= 0),
  result            jsonb,
  executed_by       varchar(255) not null check (executed_by = lower(executed_by)),
  executed_at       timestamptz(3) not null,
  recorded_at       timestamptz(3) not null,
  unique (case_id, position)
);

create table case_events (
  id          uuid primary key,
  case_id     uuid not null references support_cases (id),
  seq         integer not null check (seq >= 1),
  type        text not null check (type in ('case_created', 'query_recorded', 'status_changed')),
  actor       varchar(255) not null,
  occurred_at timestamptz(3) not null,
  payload     jsonb not null,
  prev_hash   char(64),
  hash        char(64) not null,
  unique (case_id, seq),
  check ((seq = 1) = (prev_hash is null))
);

-- Every filter and sort of GET /cases, each ending in id so that ordering is total.
create index support_cases_created_at_idx on support_cases (created_at, id);
create index support_cases_updated_at_idx on support_cases (updated_at, id);
create index support_cases_status_rank_idx on support_cases (status_rank, id);
create index support_cases_priority_rank_idx on support_cases (priority_rank, id);
create index support_cases_case_type_idx on support_cases (case_type, id);
create index support_cases_created_by_idx on support_cases (created_by, id);
create index support_cases_title_idx on support_cases (title, id);
create index support_cases_status_created_at_idx on support_cases (status, created_at, id);
create index support_cases_priority_created_at_idx on support_cases (priority, created_at, id);
create index support_cases_case_type_created_at_idx on support_cases (case_type, created_at, id);
-- Substring search (ILIKE '%term%') on title or description.
create index support_cases_title_trgm_idx on support_cases using gin (title gin_trgm_ops);
create index support_cases_description_trgm_idx on support_cases using gin (description gin_trgm_ops);

-- Append-only, enforced by the database and not only by the code.
create function reject_append_only_change() returns trigger language plpgsql as $$
begin
  raise exception '% on % is not allowed: the table is append-only', tg_op, tg_table_name
    using errcode = 'restrict_violation';
end $$;

create trigger query_records_append_only before update or delete on query_records
  for each row execute function reject_append_only_change();
create trigger query_records_no_truncate before truncate on query_records
  for each statement execute function reject_append_only_change();
create trigger case_events_append_only before update or delete on case_events
  for each row execute function reject_append_only_change();
create trigger case_events_no_truncate before truncate on case_events
  for each statement execute function reject_append_only_change();
create trigger support_cases_no_delete before delete on support_cases
  for each row execute function reject_append_only_change();
create trigger support_cases_no_truncate before truncate on support_cases
  for each statement execute function reject_append_only_change();

-- A case row may only move its projections (status, counters, hashes, updated_at).
create function reject_case_fact_change() returns trigger language plpgsql as $$
begin
  if (new.id, new.title, new.description, new.case_type, new.priority, new.created_by, new.created_at)
     is distinct from
     (old.id, old.title, old.description, old.case_type, old.priority, old.created_by, old.created_at)
  then
    raise exception 'a case''s recorded facts cannot be changed' using errcode = 'restrict_violation';
  end if;
  return new;
end $$;

create trigger support_cases_facts_immutable before update on support_cases
  for each row execute function reject_case_fact_change();
