import type { Transaction } from '@app/core';
import type { IdempotentRequest, StoredResponse } from '../domain/idempotent-request.js';

/** A stored answer with the fingerprint of the request that earned it. */
export interface StoredOutcome {
  fingerprint: string;
  response: StoredResponse;
}

/**
 * Idempotency keys and the responses they stand for. Every call but {@link sweep} runs in
 * the request's transaction, the one its write commits in.
 */
export abstract class IdempotencyStore {
  /**
   * Takes the key for the rest of `tx`; false when another open transaction holds it
   * (a concurrent request with the same key). Never waits.
   */
  abstract claim(tx: Transaction, request: IdempotentRequest): Promise<boolean>;
  /** The unexpired answer stored under the request's scope and key, if any. */
  abstract find(tx: Transaction, request: IdempotentRequest): Promise<StoredOutcome | null>;
  /** Stores the answer, to expire after `ttlHours`; replaces an expired entry. */
  abstract save(
    tx: Transaction,
    request: IdempotentRequest,
    response: StoredResponse,
    ttlHours: number,
  ): Promise<void>;
  /** Deletes expired entries; returns how many. */
  abstract sweep(): Promise<number>;
}
