-- What PostgreSQL's parser makes of each recorded query text (issue 15). Derived data, so
-- apart from query_records, and append-only like it: a new analyzer version adds rows
-- beside the old ones (npm run queries:reanalyze), and the API shows the newest.
create table query_analyses (
  query_id uuid not null references query_records (id),
  analyzer_version varchar(32) not null,
  parsed boolean not null,
  parse_error_message text,
  parse_error_position integer,
  fingerprint varchar(32),
  normalized text,
  statement_types text[] not null,
  classes text[] not null,
  tables text[] not null,
  flags text[] not null,
  analyzed_at timestamptz not null default now(),
  primary key (query_id, analyzer_version)
);

create trigger query_analyses_append_only before update or delete on query_analyses
  for each row execute function reject_append_only_change();
create trigger query_analyses_no_truncate before truncate on query_analyses
  for each statement execute function reject_append_only_change();
