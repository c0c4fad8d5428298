-- destroys: idempotency_keys
-- Retries of writes made before the rollback are no longer recognised.
drop table if exists idempotency_keys;
