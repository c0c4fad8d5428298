import type { InMemoryCasesRepository } from '../../cases/persistence/in-memory-cases.repository.js';
import type { StoredTrail } from '../domain/trail-verifier.js';
import { AuditTrailRepository, ChainHeadAt } from './audit-trail.repository.js';

/** The trail of an in-memory cases store, for unit tests of the audit use cases. */
export class InMemoryAuditTrailRepository extends AuditTrailRepository {
  constructor(private readonly cases: InMemoryCasesRepository) {
    super();
  }

  async *trails(): AsyncIterable<StoredTrail> {
    for (const id of [...this.cases.stored.keys()].sort()) {
      const { row, queries, events } = this.cases.stored.get(id)!;
      yield {
        // The store keeps no projections: they are what its arrays hold.
        row: {
          ...row,
          queriesCount: queries.length,
          eventsCount: events.length,
          lastHash: events.at(-1)?.hash ?? null,
        },
        events: [...events],
        records: [...queries],
      };
    }
  }

  async *chainHeadsAt(cutoff: Date): AsyncIterable<ChainHeadAt> {
    for (const id of [...this.cases.stored.keys()].sort()) {
      const before = this.cases.stored.get(id)!.events.filter((e) => e.occurredAt <= cutoff);
      const head = before.reduce((last, e) => (e.seq > last.seq ? e : last), before[0]);
      if (head) yield { caseId: id, seq: head.seq, hash: head.hash };
    }
  }
}
