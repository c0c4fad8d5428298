import { queryRecorded } from '../../cases/domain/case-event.js';
import type { CaseEvent } from '../../cases/domain/case-event.js';
import { isReplayProblem, ReplayedCase, replayCase } from '../../cases/domain/case-replay.js';
import type { QueryRecord } from '../../cases/domain/case.js';
import { canonicalJson, ChainHasher, HASH_ALGORITHMS } from './hash-chain.js';

/** A case as its row stores it, its events oldest first and its query records by position. */
export interface StoredTrail {
  row: ReplayedCase & { eventsCount: number; lastHash: string | null };
  events: CaseEvent[];
  records: QueryRecord[];
}

export interface TrailBreak {
  caseId: string;
  /** The first event that does not fit, or null when the break is not one event's. */
  eventId: string | null;
  reason: string;
}

/**
 * Proves, case by case, that the stored trail is whole and that everything else agrees
 * with it: events numbered without gaps, each linked to the previous hash and hashed as
 * its algorithm says (keyed ones with the key); the chain ending where the case row says;
 * the case row equal to the replay of its events; each query record equal to the
 * `query_recorded` event that describes it (its text and result by their digest).
 */
export class TrailVerifier {
  verifiedCases = 0;
  verifiedEvents = 0;
  verifiedRecords = 0;
  keyedEvents = 0;

  constructor(
    private readonly hasher: ChainHasher,
    /** Refuse unkeyed events: for trails kept under AUDIT_HMAC_KEY from their start. */
    private readonly requireKeyed = false,
  ) {}

  /** The first break in this case's trail, or null. */
  check(trail: StoredTrail): TrailBreak | null {
    const caseId = trail.row.id;
    const fail = (eventId: string | null, reason: string): TrailBreak => ({
      caseId,
      eventId,
      reason,
    });
    const chainBreak = this.checkChain(trail);
    if (chainBreak) return fail(chainBreak.eventId, chainBreak.reason);

    const replayed = replayCase(trail.events);
    if (isReplayProblem(replayed)) return fail(replayed.eventId, replayed.reason);
    const differs = differingFields(trail.row, replayed);
    if (differs.length > 0) {
      return fail(
        null,
        `the case row differs from the replay of its events: ${differs.join(', ')}`,
      );
    }

    const recordBreak = checkRecords(trail);
    if (recordBreak) return fail(recordBreak.eventId, recordBreak.reason);

    this.verifiedCases += 1;
    this.verifiedEvents += trail.events.length;
    this.verifiedRecords += trail.records.length;
    this.keyedEvents += trail.events.filter((e) => e.hashAlg === 'hmac-sha256').length;
    return null;
  }

  private checkChain({ row, events }: StoredTrail): Omit<TrailBreak, 'caseId'> | null {
    if (events.length === 0) return { eventId: null, reason: 'the case has no events at all' };
    let prevHash: string | null = null;
    for (const [index, event] of events.entries()) {
      const fail = (reason: string) => ({ eventId: event.id, reason });
      if (event.seq !== index + 1) return fail(`expected event #${index + 1}, found #${event.seq}`);
      if (event.prevHash !== prevHash) return fail('prev_hash does not match the previous event');
      if (this.requireKeyed && event.hashAlg !== 'hmac-sha256') {
        return fail(`the event is not keyed (${event.hashAlg})`);
      }
      // The algorithm only ever moves forward along a chain: a tail rewritten with a
      // weaker one (no id, or no key) than the events before it is a forgery.
      const previous = index > 0 ? events[index - 1].hashAlg : event.hashAlg;
      if (HASH_ALGORITHMS.indexOf(event.hashAlg) < HASH_ALGORITHMS.indexOf(previous)) {
        return fail(`${event.hashAlg} after ${previous}: the chain was downgraded`);
      }
      if (this.hasher.hash(event) !== event.hash) return fail('hash does not match the event');
      prevHash = event.hash;
    }
    if (events.length !== row.eventsCount || prevHash !== row.lastHash) {
      return {
        eventId: null,
        reason: `the case records ${row.eventsCount} events but its chain ends at #${events.length}`,
      };
    }
    return null;
  }
}

const COMPARED: Array<keyof ReplayedCase> = [
  'title',
  'description',
  'caseType',
  'priority',
  'status',
  'createdBy',
  'createdAt',
  'updatedAt',
  'queriesCount',
];

function differingFields(row: ReplayedCase, replayed: ReplayedCase): string[] {
  const value = (v: unknown) => (v instanceof Date ? v.getTime() : v);
  return COMPARED.filter((field) => value(row[field]) !== value(replayed[field]));
}

/** Records and query_recorded events pair up in order, and each event describes its record. */
function checkRecords({ events, records }: StoredTrail): Omit<TrailBreak, 'caseId'> | null {
  const recorded = events.filter((e) => e.type === 'query_recorded');
  for (const [index, event] of recorded.entries()) {
    const record = records[index];
    if (!record || record.id !== event.payload.query_id) {
      return { eventId: event.id, reason: 'no query record matches this query_recorded event' };
    }
    const expected = queryRecorded(record, event.actor);
    if (
      canonicalJson(expected.payload) !== canonicalJson(event.payload) ||
      expected.occurredAt.getTime() !== event.occurredAt.getTime()
    ) {
      return { eventId: event.id, reason: `query record ${record.id} differs from its event` };
    }
  }
  if (records.length > recorded.length) {
    return {
      eventId: null,
      reason: `query record ${records[recorded.length].id} has no query_recorded event`,
    };
  }
  return null;
}
