-- Idempotency-Key entries: the answer each caller's key stands for, written in the same
-- transaction as the write it answers, so a committed write always has its answer.
create table idempotency_keys (
  -- The caller's email; '' when requests are not authenticated.
  scope varchar(255) not null,
  key varchar(255) not null,
  -- SHA-256 (hex) of method, path and body: a different request under the same key is refused.
  fingerprint char(64) not null,
  status smallint not null,
  location text,
  -- The envelope's data, as first answered (json keeps its key order).
  body json not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  primary key (scope, key)
);

-- The background sweep deletes by expiry.
create index idempotency_keys_expires_at on idempotency_keys (expires_at);
