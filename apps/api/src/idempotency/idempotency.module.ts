import { DynamicModule, Module } from '@nestjs/common';
import { IdempotencyJanitor } from './idempotency-janitor.js';
import {
  IDEMPOTENCY_SETTINGS,
  IdempotencyInterceptor,
  IdempotencySettings,
} from './idempotency.interceptor.js';
import { IdempotencyStore } from './persistence/idempotency.store.js';
import { PgIdempotencyStore } from './persistence/pg-idempotency.store.js';

/**
 * Retry-safe POSTs: the `@Idempotent()` interceptor, its store and the sweep of expired
 * keys. Global, so any feature's controller can use the interceptor.
 */
@Module({})
export class IdempotencyModule {
  static forRoot(settings: IdempotencySettings): DynamicModule {
    return {
      module: IdempotencyModule,
      global: true,
      providers: [
        { provide: IDEMPOTENCY_SETTINGS, useValue: settings },
        { provide: IdempotencyStore, useClass: PgIdempotencyStore },
        IdempotencyInterceptor,
        IdempotencyJanitor,
      ],
      exports: [IdempotencyInterceptor, IdempotencyStore, IDEMPOTENCY_SETTINGS, IdempotencyJanitor],
    };
  }
}
