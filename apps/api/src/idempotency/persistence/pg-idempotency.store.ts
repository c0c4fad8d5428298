import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@app/core';
import { Database, sqlOf } from '@app/database';
import type { IdempotentRequest, StoredResponse } from '../domain/idempotent-request.js';
import { IdempotencyStore, StoredOutcome } from './idempotency.store.js';

// The first half of a two-key advisory lock: its own key space, apart from one-key locks
// (the migrator's) and from any other feature's namespace.
const LOCK_NAMESPACE = 0x1de0;
const SWEEP_BATCH = 1000;

interface OutcomeRow {
  fingerprint: string;
  status: number;
  location: string | null;
  body: string;
}

@Injectable()
export class PgIdempotencyStore extends IdempotencyStore {
  constructor(@Inject(Database) private readonly db: Database) {
    super();
  }

  async claim(tx: Transaction, request: IdempotentRequest): Promise<boolean> {
    // A transaction-level lock, released by the commit or rollback that ends the request;
    // tried, never waited for. Two keys hashing alike only cost one of them a 409 (retry).
    const [{ claimed }] = await sqlOf(tx)<{ claimed: boolean }[]>`
      select pg_try_advisory_xact_lock(
        ${LOCK_NAMESPACE}, hashtext(${request.scope} || E'\\n' || ${request.key})
      ) as claimed`;
    return claimed;
  }

  async find(tx: Transaction, request: IdempotentRequest): Promise<StoredOutcome | null> {
    const [row] = await sqlOf(tx)<OutcomeRow[]>`
      select fingerprint, status, location, body::text as body from idempotency_keys
      where scope = ${request.scope} and key = ${request.key} and expires_at > now()`;
    if (!row) return null;
    return {
      fingerprint: row.fingerprint,
      response: {
        status: row.status,
        location: row.location,
        body: JSON.parse(row.body) as unknown,
      },
    };
  }

  async save(
    tx: Transaction,
    request: IdempotentRequest,
    response: StoredResponse,
    ttlHours: number,
  ): Promise<void> {
    const sql = sqlOf(tx);
    await sql`
      delete from idempotency_keys
      where scope = ${request.scope} and key = ${request.key} and expires_at <= now()`;
    // Sent as text and kept as `json`, not `jsonb`: the replay keeps the body's key order.
    await sql`
      insert into idempotency_keys (scope, key, fingerprint, status, location, body, expires_at)
      values (${request.scope}, ${request.key}, ${request.fingerprint}, ${response.status},
              ${response.location}, ${JSON.stringify(response.body)}::text::json,
              now() + make_interval(hours => ${ttlHours}))`;
  }

  async sweep(): Promise<number> {
    let removed = 0;
    for (;;) {
      const { count } = await this.db.query(
        (sql) => sql`
          delete from idempotency_keys where ctid = any(array(
            select ctid from idempotency_keys where expires_at <= now() limit ${SWEEP_BATCH}))`,
      );
      removed += count;
      if (count < SWEEP_BATCH) return removed;
    }
  }
}
