import type { StoredTrail } from '../domain/trail-verifier.js';

/** Where a case's chain ended at some moment: its last event then. */
export interface ChainHeadAt {
  caseId: string;
  seq: number;
  hash: string;
}

/** The stored audit trail, read whole for verification and anchoring. */
export abstract class AuditTrailRepository {
  /** Every case with its events and query records, in case id order; streamed. */
  abstract trails(): AsyncIterable<StoredTrail>;
  /**
   * For every case with an event at or before `cutoff`, its last such event (by seq), in
   * case id order; streamed.
   */
  abstract chainHeadsAt(cutoff: Date): AsyncIterable<ChainHeadAt>;
}
