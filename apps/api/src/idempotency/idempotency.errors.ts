import { AppError, defineErrorCodes } from '@app/core';

export const IdempotencyErrors = defineErrorCodes('idempotency', {
  IDEMPOTENCY_KEY_IN_USE: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
});

/** Another request with the same key is still running; retrying later replays its answer. */
export class IdempotencyKeyInUseError extends AppError {
  override readonly retryAfterSeconds = 1;

  constructor() {
    super(
      IdempotencyErrors.IDEMPOTENCY_KEY_IN_USE,
      'a request with this Idempotency-Key is still being processed; retry later',
      'Idempotency-Key',
    );
  }
}

/** The key already answered a different request (another endpoint, path or body). */
export class IdempotencyKeyReusedError extends AppError {
  constructor() {
    super(
      IdempotencyErrors.IDEMPOTENCY_KEY_REUSED,
      'this Idempotency-Key was used for a different request; use a new key',
      'Idempotency-Key',
    );
  }
}
