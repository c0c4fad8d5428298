-- When a query ran is the one time a client sends: it stays within the years 1900-9999,
-- which the API also refuses to leave. NOT VALID: enforced on every new row at once,
-- without scanning (or failing on) rows an earlier version let through.
alter table query_records add constraint query_records_executed_at_range
  check (executed_at >= '1900-01-01' and executed_at < '10000-01-01') not valid;
