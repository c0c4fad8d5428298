import { Inject, Injectable } from '@nestjs/common';
import { Database } from '@app/database';
import type { CaseEvent } from '../../cases/domain/case-event.js';
import type { QueryRecord } from '../../cases/domain/case.js';
import type { StoredTrail } from '../domain/trail-verifier.js';
import { AuditTrailRepository, ChainHeadAt } from './audit-trail.repository.js';

/** Times inside json_agg arrive as ISO 8601 text. */
type AsJson<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] };

interface TrailRow extends Omit<AsJson<StoredTrail['row']>, 'description'> {
  description: string | null;
  events: AsJson<CaseEvent>[];
  records: AsJson<QueryRecord>[];
}

const BATCH = 500;

@Injectable()
export class PgAuditTrailRepository extends AuditTrailRepository {
  constructor(@Inject(Database) private readonly db: Database) {
    super();
  }

  async *trails(): AsyncIterable<StoredTrail> {
    // One statement, so one snapshot: a case written meanwhile is seen whole or not at
    // all. A CLI-only, single reader: it streams on its own connection, outside the gate.
    const cursor = this.db.sql<TrailRow[]>`
      select c.id, c.title, c.description, c.case_type as "caseType", c.priority, c.status,
             c.created_by as "createdBy", c.created_at as "createdAt",
             c.updated_at as "updatedAt", c.queries_count as "queriesCount",
             c.events_count as "eventsCount", c.last_event_hash as "lastHash",
             coalesce((
               select json_agg(json_build_object(
                        'id', e.id, 'caseId', e.case_id, 'seq', e.seq, 'type', e.type,
                        'actor', e.actor, 'occurredAt', e.occurred_at, 'payload', e.payload,
                        'prevHash', e.prev_hash, 'hashAlg', e.hash_alg, 'hash', e.hash)
                      order by e.seq)
               from case_events e where e.case_id = c.id), '[]') as events,
             coalesce((
               select json_agg(json_build_object(
                        'id', q.id, 'caseId', q.case_id, 'databaseName', q.database_name,
                        'schemaName', q.schema_name, 'queryText', q.query_text,
                        'executionTimeMs', q.execution_time_ms,
                        'rowsAffected', q.rows_affected, 'result', q.result,
                        'executedBy', q.executed_by, 'executedAt', q.executed_at,
                        'recordedAt', q.recorded_at)
                      order by q.position)
               from query_records q where q.case_id = c.id), '[]') as records
      from support_cases c
      order by c.id`.cursor(BATCH);
    for await (const rows of cursor) {
      for (const { events, records, ...row } of rows) {
        yield {
          row: { ...row, createdAt: new Date(row.createdAt), updatedAt: new Date(row.updatedAt) },
          events: events.map((e) => ({ ...e, occurredAt: new Date(e.occurredAt) })),
          records: records.map((q) => ({
            ...q,
            executedAt: new Date(q.executedAt),
            recordedAt: new Date(q.recordedAt),
          })),
        };
      }
    }
  }

  async *chainHeadsAt(cutoff: Date): AsyncIterable<ChainHeadAt> {
    const cursor = this.db.sql<ChainHeadAt[]>`
      select distinct on (case_id) case_id as "caseId", seq, hash
      from case_events
      where occurred_at <= ${cutoff}
      order by case_id, seq desc`.cursor(BATCH * 10);
    for await (const rows of cursor) yield* rows;
  }
}
