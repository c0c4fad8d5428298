import type { CaseEvent } from './case-event.js';
import { CaseStatus, canTransition } from './case-status.js';
import type { CaseType, Priority, SupportCase } from './case.js';

/** What a case's events say its row must hold. */
export interface ReplayedCase extends SupportCase {
  queriesCount: number;
}

export interface ReplayProblem {
  eventId: string;
  reason: string;
}

/**
 * Rebuilds a case from its events, oldest first: opened by `case_created`, moved only
 * along the status lifecycle, one query record per `query_recorded`, last touched by its
 * newest event. The audit check compares the stored row with this.
 */
export function replayCase(events: CaseEvent[]): ReplayedCase | ReplayProblem {
  const [created, ...rest] = events;
  if (!created || created.type !== 'case_created') {
    return { eventId: created?.id ?? '', reason: 'the first event is not case_created' };
  }
  const p = created.payload;
  const replayed: ReplayedCase = {
    id: created.caseId,
    title: p.title as string,
    description: (p.description as string | null) ?? null,
    caseType: p.case_type as CaseType,
    priority: p.priority as Priority,
    status: p.status as CaseStatus,
    createdBy: p.created_by as string,
    createdAt: created.occurredAt,
    updatedAt: created.occurredAt,
    queriesCount: 0,
  };
  for (const event of rest) {
    if (event.occurredAt > replayed.updatedAt) replayed.updatedAt = event.occurredAt;
    if (event.type === 'query_recorded') {
      replayed.queriesCount += 1;
    } else if (event.type === 'status_changed') {
      const { from, to } = event.payload as { from: CaseStatus; to: CaseStatus };
      if (from !== replayed.status || !canTransition(from, to)) {
        return {
          eventId: event.id,
          reason: `status_changed ${from} → ${to} does not follow ${replayed.status}`,
        };
      }
      replayed.status = to;
    } else {
      return { eventId: event.id, reason: `${event.type} after the first event` };
    }
  }
  return replayed;
}

export const isReplayProblem = (result: ReplayedCase | ReplayProblem): result is ReplayProblem =>
  'reason' in result;
