import { createHash, createHmac, randomUUID } from 'node:crypto';

/**
 * How an event's hash was made. `sha256-v1`: the first chains, whose hash leaves the event
 * id out; `sha256`: every field, the id included; `hmac-sha256`: the same, keyed with
 * AUDIT_HMAC_KEY, so that nobody without the key (the database's owner included) can
 * write a chain that verifies.
 */
export const HASH_ALGORITHMS = ['sha256-v1', 'sha256', 'hmac-sha256'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

/** A keyed event cannot be checked, or written, without the key. */
export class MissingAuditKeyError extends Error {
  constructor() {
    super('the event is keyed (hmac-sha256): set AUDIT_HMAC_KEY to the key that wrote it');
    this.name = 'MissingAuditKeyError';
  }
}

/** Hashes events: keyed when a key is given. Writes chains, and checks them. */
export class ChainHasher {
  readonly algorithm: 'sha256' | 'hmac-sha256';
  private readonly key: Buffer | null;

  constructor(key?: string) {
    this.key = key ? Buffer.from(key, 'utf8') : null;
    this.algorithm = this.key ? 'hmac-sha256' : 'sha256';
  }

  /** The one definition of an event's hash, used to write the chain and to verify it. */
  hash(event: Omit<ChainedEvent, 'hash'>): string {
    const content = canonicalJson({
      ...(event.hashAlg === 'sha256-v1' ? {} : { id: event.id }),
      case_id: event.caseId,
      seq: event.seq,
      type: event.type,
      actor: event.actor,
      occurred_at: event.occurredAt.toISOString(),
      payload: event.payload,
      prev_hash: event.prevHash,
    });
    if (event.hashAlg !== 'hmac-sha256') return sha256(content);
    if (!this.key) throw new MissingAuditKeyError();
    return createHmac('sha256', this.key).update(content).digest('hex');
  }
}

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
  hashAlg: HashAlgorithm;
  hash: string;
}

/** Where a case's chain currently ends. */
export interface ChainHead {
  eventsCount: number;
  lastHash: string | null;
}

export const EMPTY_CHAIN: ChainHead = { eventsCount: 0, lastHash: null };

/**
 * Appends drafts to a case's hash chain: each event's hash covers its content, its id and
 * the previous hash.
 */
export function chainEvents<Type extends string>(
  caseId: string,
  head: ChainHead,
  drafts: EventDraft<Type>[],
  hasher: ChainHasher,
): ChainedEvent<Type>[] {
  let prevHash = head.lastHash;
  return drafts.map((draft, index) => {
    const unhashed = {
      id: randomUUID(),
      caseId,
      seq: head.eventsCount + index + 1,
      ...draft,
      prevHash,
      hashAlg: hasher.algorithm,
    };
    const event: ChainedEvent<Type> = { ...unhashed, hash: hasher.hash(unhashed) };
    prevHash = event.hash;
    return event;
  });
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
