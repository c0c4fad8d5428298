import { ChainedEvent, contentDigest, EventDraft } from '../../audit/domain/hash-chain.js';
import { CaseStatus } from './case-status.js';
import { normalizeEmail, QueryRecord, SupportCase } from './case.js';

export const CASE_EVENT_TYPES = ['case_created', 'query_recorded', 'status_changed'] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

export type CaseEventDraft = EventDraft<CaseEventType>;
export type CaseEvent = ChainedEvent<CaseEventType>;

export function caseCreated(c: SupportCase): CaseEventDraft {
  return {
    type: 'case_created',
    actor: c.createdBy,
    occurredAt: c.createdAt,
    payload: {
      title: c.title,
      description: c.description,
      case_type: c.caseType,
      priority: c.priority,
      status: c.status,
      created_by: c.createdBy,
    },
  };
}

/** The record's facts; the text and result are covered by their digest, not copied. */
export function queryRecorded(q: QueryRecord, actor: string): CaseEventDraft {
  return {
    type: 'query_recorded',
    actor,
    occurredAt: q.recordedAt,
    payload: {
      query_id: q.id,
      database_name: q.databaseName,
      schema_name: q.schemaName,
      execution_time_ms: q.executionTimeMs,
      rows_affected: q.rowsAffected,
      executed_by: q.executedBy,
      executed_at: q.executedAt.toISOString(),
      content_sha256: contentDigest({ query_text: q.queryText, result: q.result }),
    },
  };
}

export function statusChanged(
  from: CaseStatus,
  to: CaseStatus,
  note: string | null,
  actor: string,
  at: Date,
): CaseEventDraft {
  return {
    type: 'status_changed',
    actor: normalizeEmail(actor),
    occurredAt: at,
    payload: { from, to, note },
  };
}
