import postgres from 'postgres';
import { AppError, CoreErrors } from '@app/core';

/** PostgreSQL could not be reached or did not answer in time: worth retrying later. */
export class DatabaseUnavailableError extends AppError {
  constructor(readonly reason: string) {
    super(CoreErrors.SERVICE_UNAVAILABLE, 'the database is unavailable; retry later');
  }
}

/**
 * A text value PostgreSQL cannot store (NUL characters, invalid encoding). Validation
 * rejects these first; this is the backstop so they never become a 500.
 */
export class UnstorableTextError extends AppError {
  constructor() {
    super(CoreErrors.VALIDATION_ERROR, 'text must not contain NUL characters');
  }
}

// Connection exceptions (08), operator intervention (57: admin shutdown, statement
// timeout, cannot connect now) and insufficient resources (53) are the server being away
// or overloaded, not a bug in the request.
const UNAVAILABLE_SQLSTATE_CLASSES = ['08', '53', '57'];
const UNAVAILABLE_NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);
const UNSTORABLE_TEXT_SQLSTATES = new Set(['22P05', '22021']);

/**
 * Translates driver errors into the two infrastructure errors the layers above understand.
 * Anything else is returned unchanged: it is a bug and must surface as one.
 */
export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof postgres.PostgresError) {
    if (UNSTORABLE_TEXT_SQLSTATES.has(error.code)) return new UnstorableTextError();
    if (UNAVAILABLE_SQLSTATE_CLASSES.includes(error.code.slice(0, 2))) {
      return new DatabaseUnavailableError(error.code);
    }
    return error;
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE_NODE_CODES.has(code)) {
    return new DatabaseUnavailableError(code);
  }
  return error;
}
