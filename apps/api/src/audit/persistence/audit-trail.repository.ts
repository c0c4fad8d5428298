import type { ChainedEvent, ChainHead } from '../domain/hash-chain.js';

/** An event as stored, with what its case row says about the end of its chain. */
export interface StoredEventWithHead {
  event: ChainedEvent;
  head: ChainHead;
}

/** The stored audit trail, read whole for verification. */
export abstract class AuditTrailRepository {
  /** Every event, in (case, seq) order, with its case's recorded chain head; streamed. */
  abstract eventsInChainOrder(): AsyncIterable<StoredEventWithHead>;
  /** A case that has no events at all (every case starts with case_created), if any. */
  abstract findCaseWithoutEvents(): Promise<string | null>;
}
