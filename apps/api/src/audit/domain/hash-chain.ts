import { createHash, randomUUID } from 'node:crypto';

/** A fact about a case before it takes its place in the case's chain. */
export interface EventDraft<Type extends string = string> {
  type: Type;
  actor: string;
  occurredAt: Date;
  payload: Record<string, unknown>;
}

/** An event in its case's hash chain. */
export interface ChainedEvent<Type extends string = string> extends EventDraft<Type> {
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

/** Appends drafts to a case's hash chain: each event's hash covers its content and the previous hash. */
export function chainEvents<Type extends string>(
  caseId: string,
  head: ChainHead,
  drafts: EventDraft<Type>[],
): ChainedEvent<Type>[] {
  let prevHash = head.lastHash;
  return drafts.map((draft, index) => {
    const seq = head.eventsCount + index + 1;
    const hash = eventHash({ caseId, seq, ...draft, prevHash });
    const event: ChainedEvent<Type> = { id: randomUUID(), caseId, seq, ...draft, prevHash, hash };
    prevHash = hash;
    return event;
  });
}

/** The one definition of an event's hash, used to write the chain and to verify it. */
export function eventHash(event: Omit<ChainedEvent, 'id' | 'hash'>): string {
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

/** The digest an event carries in place of content too large to copy into it. */
export function contentDigest(content: unknown): string {
  return sha256(canonicalJson(content));
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
