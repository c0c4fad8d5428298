import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { IDEMPOTENCY_KEY_HEADER, IDEMPOTENCY_KEY_PATTERN } from './domain/idempotent-request.js';
import { IdempotencyInterceptor } from './idempotency.interceptor.js';

/**
 * A POST that honours `Idempotency-Key`, and says so in the document. Its 409 and 422
 * answers are listed with the operation's other errors.
 */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        'Makes a retry safe: a request repeated with the same key (within 24 h by default) is ' +
        'answered with the first response, marked `Idempotent-Replayed: true`, and writes ' +
        'nothing. The same key on a different request is 422 IDEMPOTENCY_KEY_REUSED; while ' +
        'the first is still running, 409 IDEMPOTENCY_KEY_IN_USE. Failures leave the key free.',
      schema: { type: 'string', minLength: 1, maxLength: 255, pattern: IDEMPOTENCY_KEY_PATTERN },
      example: '4f1c6a0e-9f0b-4d5e-8a53-0d8f1f6c2b7a',
    }),
  );
