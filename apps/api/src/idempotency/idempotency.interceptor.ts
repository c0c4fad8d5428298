import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { from, lastValueFrom, Observable } from 'rxjs';
import { findUnsafeJson, requestContextOf, UnitOfWork, ValidationFailedError } from '@app/core';
import {
  fingerprintOf,
  IdempotentRequest,
  parseIdempotencyKey,
  StoredResponse,
} from './domain/idempotent-request.js';
import { IdempotencyKeyInUseError, IdempotencyKeyReusedError } from './idempotency.errors.js';
import { IdempotencyStore } from './persistence/idempotency.store.js';

export const IDEMPOTENCY_SETTINGS = Symbol('IdempotencySettings');

export interface IdempotencySettings {
  ttlHours: number;
}

/**
 * `Idempotency-Key` on a POST (the IETF httpapi draft, with Stripe's semantics). The
 * request runs in one transaction that first takes the key (a concurrent request holding
 * it is a 409), then either replays the answer stored under it (same request) or refuses
 * it (a different request, 422), or runs the handler, whose use case joins the transaction
 * through the request context, and stores its answer before the commit. A failure rolls
 * everything back, the key included, so only successes are kept. Without the header the
 * request passes untouched.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(UnitOfWork) private readonly unitOfWork: UnitOfWork,
    @Inject(IdempotencyStore) private readonly store: IdempotencyStore,
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(IDEMPOTENCY_SETTINGS) private readonly settings: IdempotencySettings,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const header = req.headers['idempotency-key'];
    if (header === undefined) return next.handle();

    const key = parseIdempotencyKey(header);
    // The validation pipe would refuse such a body anyway; the fingerprint must not walk it.
    const unsafe = findUnsafeJson(req.body);
    if (unsafe) throw new ValidationFailedError([unsafe]);
    const requestContext = requestContextOf(req);
    const request: IdempotentRequest = {
      scope: requestContext.caller?.email ?? '',
      key,
      fingerprint: fingerprintOf(req.method, req.path, req.body),
    };
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    const res = http.getResponse<Response>();

    return from(
      this.unitOfWork.run(async (tx) => {
        if (!(await this.store.claim(tx, request))) throw new IdempotencyKeyInUseError();
        const stored = await this.store.find(tx, request);
        if (stored) {
          if (stored.fingerprint !== request.fingerprint) throw new IdempotencyKeyReusedError();
          return replay(res, stored.response);
        }
        requestContext.transaction = tx;
        let data: unknown;
        try {
          data = await lastValueFrom(next.handle(), { defaultValue: undefined });
        } finally {
          requestContext.transaction = undefined;
        }
        const location = res.getHeader('location');
        const response: StoredResponse = {
          status,
          // As Express will serialise it: what a replay must send again.
          body: JSON.parse(JSON.stringify(data ?? null)) as unknown,
          location: typeof location === 'string' ? location : null,
        };
        await this.store.save(tx, request, response, this.settings.ttlHours);
        return data;
      }),
    );
  }
}

function replay(res: Response, stored: StoredResponse): unknown {
  res.status(stored.status);
  res.setHeader('Idempotent-Replayed', 'true');
  if (stored.location !== null) res.setHeader('Location', stored.location);
  return stored.body;
}
