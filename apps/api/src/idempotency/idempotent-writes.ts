import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { Transaction, UnitOfWork } from '@app/core';
import type { IdempotentRequest, StoredResponse } from './domain/idempotent-request.js';
import { IdempotencyKeyInUseError, IdempotencyKeyReusedError } from './idempotency.errors.js';
import { IdempotencyStore } from './persistence/idempotency.store.js';

export const IDEMPOTENCY_SETTINGS = Symbol('IdempotencySettings');

export interface IdempotencySettings {
  ttlHours: number;
}

/** A write's answer, first given or replayed. */
export interface WriteOutcome<Body> {
  response: StoredResponse<Body>;
  replayed: boolean;
}

/**
 * Runs a POST's write in one transaction with what `Idempotency-Key` asks (the IETF
 * httpapi draft, with Stripe's semantics): the key is taken first (another request holding
 * it is a 409, never a wait); an answer stored under it is replayed for the same request
 * and refused for another (422); otherwise the write runs in the transaction and its
 * answer is stored before the commit, so a committed write always has its answer, and a
 * failure rolls both back, leaving the key free. Without a key, just the write.
 *
 * The transaction exists only as the callback's parameter: the write joins it by taking it
 * (`(tx) => useCase.execute(command, tx)`), and nothing about it outlives the call.
 */
@Injectable()
export class IdempotentWrites {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(IdempotencyStore) private readonly store: IdempotencyStore,
    @Inject(IDEMPOTENCY_SETTINGS) private readonly settings: IdempotencySettings,
  ) {}

  run<Result, Body>(
    request: IdempotentRequest | null,
    write: (tx: Transaction) => Promise<Result>,
    respond: (result: Result) => StoredResponse<Body>,
  ): Promise<WriteOutcome<Body>> {
    return this.unitOfWork.run(async (tx) => {
      if (request) {
        if (!(await this.store.claim(tx, request))) throw new IdempotencyKeyInUseError();
        const stored = await this.store.find(tx, request);
        if (stored) {
          if (stored.fingerprint !== request.fingerprint) throw new IdempotencyKeyReusedError();
          // Stored from a response of this same operation: the same shape.
          return { response: stored.response as StoredResponse<Body>, replayed: true };
        }
      }
      const response = respond(await write(tx));
      if (request) await this.store.save(tx, request, response, this.settings.ttlHours);
      return { response, replayed: false };
    });
  }
}

/**
 * Puts a committed outcome on the HTTP response: its `Location`, and whether it is a
 * replay. Called only once the transaction has committed, so a failed commit never
 * answers with a success's headers.
 */
export function answer<Body>(res: Response, outcome: WriteOutcome<Body>): Body {
  res.status(outcome.response.status);
  if (outcome.response.location !== null) res.location(outcome.response.location);
  if (outcome.replayed) res.setHeader('Idempotent-Replayed', 'true');
  return outcome.response.body;
}
