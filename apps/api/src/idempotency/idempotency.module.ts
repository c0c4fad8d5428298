import { DynamicModule, Module } from '@nestjs/common';
import { IdempotencyJanitor } from './idempotency-janitor.js';
import {
  IDEMPOTENCY_SETTINGS,
  IdempotencySettings,
  IdempotentWrites,
} from './idempotent-writes.js';
import { IdempotencyStore } from './persistence/idempotency.store.js';
import { PgIdempotencyStore } from './persistence/pg-idempotency.store.js';

/**
 * Retry-safe POSTs: {@link IdempotentWrites}, its store and the sweep of expired keys.
 * Global, so any feature's controller can run its writes through it.
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
        IdempotentWrites,
        IdempotencyJanitor,
      ],
      exports: [IdempotentWrites],
    };
  }
}
