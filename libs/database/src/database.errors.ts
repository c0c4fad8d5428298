import postgres from 'postgres';
import { AppError, CoreErrors } from '@app/core';

/** PostgreSQL could not be reached or did not answer in time: worth retrying later. */
export class DatabaseUnavailableError extends AppError {
  constructor(readonly reason: string) {
    super(CoreErrors.SERVICE_UNAVAILABLE, 'the database is unavailable; retry later');
  }
}

/**
 * A value PostgreSQL refused as data: out of range, too long, malformed, or against a
 * CHECK constraint. Validation refuses these first; this is the backstop that keeps a
 * value validation missed a 422 instead of a 500 (it names no field: the database does
 * not say which parameter it was).
 */
export class UnstorableValueError extends AppError {
  constructor(readonly sqlState: string) {
    super(CoreErrors.VALIDATION_ERROR, 'a value is out of range or cannot be stored');
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
// Class 22 (data exception: NUL, bad encoding, out of range, too long) and CHECK
// violations are about the values sent, never about the server.
const DATA_EXCEPTION_CLASS = '22';
const CHECK_VIOLATION = '23514';

/**
 * Translates driver errors into the infrastructure errors the layers above understand.
 * Anything else is returned unchanged: it is a bug and must surface as one.
 */
export function translateDatabaseError(error: unknown): unknown {
  if (error instanceof postgres.PostgresError) {
    if (error.code.startsWith(DATA_EXCEPTION_CLASS) || error.code === CHECK_VIOLATION) {
      return new UnstorableValueError(error.code);
    }
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
