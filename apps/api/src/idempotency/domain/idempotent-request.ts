import { createHash } from 'node:crypto';
import { ValidationFailedError } from '@app/core';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
/** 1–255 printable ASCII characters (the IETF httpapi draft leaves the syntax to the server). */
export const IDEMPOTENCY_KEY_PATTERN = '^[\\x20-\\x7E]{1,255}$';
const KEY = new RegExp(IDEMPOTENCY_KEY_PATTERN);

/** One client's retry-safe request: whose key it is, the key, and what was asked. */
export interface IdempotentRequest {
  /** The caller's email; empty when requests are not authenticated (everyone shares it). */
  scope: string;
  key: string;
  /** SHA-256 of the method, path and body (see {@link fingerprintOf}). */
  fingerprint: string;
}

/** The answer a key stands for, replayed as it was first given. */
export interface StoredResponse<Body = unknown> {
  status: number;
  /** The envelope's `data`. */
  body: Body;
  location: string | null;
}

/**
 * The header's value as a key, or a validation error naming the header. `lines` are the
 * header's lines as sent: more than one is ambiguous, whatever they hold.
 */
export function parseIdempotencyKey(lines: readonly string[]): string {
  const value = lines.length === 1 ? lines[0] : '';
  if (!KEY.test(value)) {
    throw new ValidationFailedError([
      {
        field: IDEMPOTENCY_KEY_HEADER,
        message: `${IDEMPOTENCY_KEY_HEADER} must be one header of 1 to 255 printable ASCII characters`,
      },
    ]);
  }
  return value;
}

/**
 * What makes two requests the same: method, path and body, the body as JSON with its
 * object keys sorted, so a client that serialises the same body differently on a retry
 * is not refused. The body has passed the JSON guard, so its depth is bounded.
 */
export function fingerprintOf(method: string, path: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method}\n${path}\n`)
    .update(canonicalJson(body ?? null))
    .digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}
