-- Exact list totals without counting rows: per-combination counters of cases, kept by
-- triggers in the same transaction as the insert or status change. Each combination is
-- spread over 16 shards so concurrent creates do not queue on one counter row.
create table case_counts (
  status    text not null,
  priority  text not null,
  case_type text not null,
  shard     smallint not null check (shard between 0 and 15),
  n         bigint not null default 0,
  primary key (status, priority, case_type, shard)
);

insert into case_counts (status, priority, case_type, shard, n)
select status, priority, case_type, 0, count(*)
from support_cases group by status, priority, case_type;

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

create trigger support_cases_count_insert after insert on support_cases
  for each row execute function count_case_change();
create trigger support_cases_count_status after update of status on support_cases
  for each row execute function count_case_change();

-- Filters on both status and priority, sorted by time: the deep pages of W5.
create index support_cases_status_priority_created_at_idx
  on support_cases (status, priority, created_at, id);
