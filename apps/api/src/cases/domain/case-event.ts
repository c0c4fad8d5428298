import { createHash, randomUUID } from 'node:crypto';
import { CaseStatus } from './case-status.js';
import { QueryRecord, SupportCase } from './case.js';

export const CASE_EVENT_TYPES = ['case_created', 'query_recorded', 'status_changed'] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** An event before it takes its place in the case's chain. */
export interface EventDraft {
  type: CaseEventType;
  actor: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

export interface CaseEvent extends EventDraft {
  id: string;
  caseId: string;
  seq: number;
  prevHash: string | null;
  hash: string;
}

/** Where a case's chain currently ends. */
export interface ChainHead {
  eventsCount: number;
  lastHash: string | null;
}

export const EMPTY_CHAIN: ChainHead = { eventsCount: 0, lastHash: null };

export function caseCreated(c: SupportCase): EventDraft {
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
export function queryRecorded(q: QueryRecord, actor: string): EventDraft {
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
      content_sha256: sha256(canonicalJson({ query_text: q.queryText, result: q.result })),
    },
  };
}

export function statusChanged(
  from: CaseStatus,
  to: CaseStatus,
  note: string | null,
  actor: string,
  at: Date,
): EventDraft {
  return { type: 'status_changed', actor, occurredAt: at, payload: { from, to, note } };
}

/** Appends drafts to a case's hash chain: each event's hash covers its content and the previous hash. */
export function chainEvents(caseId: string, head: ChainHead, drafts: EventDraft[]): CaseEvent[] {
  let prevHash = head.lastHash;
  return drafts.map((draft, index) => {
    const seq = head.eventsCount + index + 1;
    const hash = eventHash({ caseId, seq, ...draft, prevHash });
    const event: CaseEvent = { id: randomUUID(), caseId, seq, ...draft, prevHash, hash };
    prevHash = hash;
    return event;
  });
}

/** The one definition of an event's hash, used to write the chain and to verify it. */
export function eventHash(event: Omit<CaseEvent, 'id' | 'hash'>): string {
  return sha256(
    canonicalJson({
      case_id: event.caseId,
      seq: event.seq,
      type: event.type,
      actor: event.actor,
      occurred_at: event.occurredAt.toISOString(),
      payload: event.payload,
      prev_hash: event.prevHash,
    }),
  );
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with object keys sorted, so the same content always hashes the same (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : v,
  );
}
