import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@app/database';
import type { ChainedEvent } from '../domain/hash-chain.js';
import { AuditTrailRepository, StoredEventWithHead } from './audit-trail.repository.js';

/** An event row, its columns named as the domain names them, with its case's chain head. */
interface StoredEventRow extends ChainedEvent {
  events_count: number;
  last_event_hash: string | null;
}

@Injectable()
export class PgAuditTrailRepository extends AuditTrailRepository {
  constructor(@Inject(Database) private readonly db: Database) {
    super();
  }

  async *eventsInChainOrder(): AsyncIterable<StoredEventWithHead> {
    // A CLI-only, single reader: it streams on its own connection, outside the gate.
    const cursor = this.db.sql<StoredEventRow[]>`
      select e.id, e.case_id as "caseId", e.seq, e.type, e.actor, e.occurred_at as "occurredAt",
             e.payload, e.prev_hash as "prevHash", e.hash, c.events_count, c.last_event_hash
      from case_events e join support_cases c on c.id = e.case_id
      order by e.case_id, e.seq`.cursor(1000);
    for await (const rows of cursor) {
      for (const { events_count, last_event_hash, ...event } of rows) {
        yield { event, head: { eventsCount: events_count, lastHash: last_event_hash } };
      }
    }
  }

  async findCaseWithoutEvents(): Promise<string | null> {
    const [row] = await this.db.query(
      (sql) => sql<{ id: string }[]>`
        select id from support_cases c
        where not exists (select 1 from case_events e where e.case_id = c.id)
        limit 1`,
    );
    return row?.id ?? null;
  }
}
