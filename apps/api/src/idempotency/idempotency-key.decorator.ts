import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { clientKeyOf, findUnsafeJson, requestContextOf, ValidationFailedError } from '@app/core';
import {
  fingerprintOf,
  IDEMPOTENCY_KEY_HEADER,
  IDEMPOTENCY_KEY_PATTERN,
  IdempotentRequest,
  parseIdempotencyKey,
} from './domain/idempotent-request.js';

/** The request's `Idempotency-Key` as an {@link IdempotentRequest}, or null without one. */
export function idempotentRequestOf(req: Request): IdempotentRequest | null {
  const lines = req.headersDistinct[IDEMPOTENCY_KEY_HEADER.toLowerCase()];
  if (lines === undefined) return null;
  const key = parseIdempotencyKey(lines);
  // The validation pipe refuses such a body too; the fingerprint must not walk it first.
  const unsafe = findUnsafeJson(req.body);
  if (unsafe) throw new ValidationFailedError([unsafe]);
  return {
    // The caller's key; without authentication, the client's (its IP), never everyone's.
    scope: requestContextOf(req).caller?.email ?? clientKeyOf(req),
    key,
    fingerprint: fingerprintOf(req.method, req.path, req.body),
  };
}

/**
 * A POST handler's parameter: its `Idempotency-Key` request, or null (see
 * {@link IdempotentWrites}). It also declares the header on the operation in the document;
 * the 409 and 422 answers are listed with the operation's other errors.
 */
export const IdempotencyKey = createParamDecorator(
  (_data: unknown, context: ExecutionContext) =>
    idempotentRequestOf(context.switchToHttp().getRequest<Request>()),
  [
    (target, method) => {
      if (method === undefined) return;
      ApiHeader({
        name: IDEMPOTENCY_KEY_HEADER,
        required: false,
        // No example value: a tool that sends examples would reuse one key for every
        // request, and the service rightly refuses that (422 IDEMPOTENCY_KEY_REUSED).
        description:
          'A fresh UUID per intended write makes a retry safe: a request repeated with the same key (kept 24 h by default) is ' +
          'answered with the first response, marked `Idempotent-Replayed: true`, and writes ' +
          'nothing. The same key on a different request is 422 IDEMPOTENCY_KEY_REUSED; while ' +
          'the first is still running, 409 IDEMPOTENCY_KEY_IN_USE. Failures leave the key free.',
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 255,
          pattern: IDEMPOTENCY_KEY_PATTERN,
        },
      })(target, method, Object.getOwnPropertyDescriptor(target, method)!);
    },
  ],
);
