import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { IdempotencyStore } from './persistence/idempotency.store.js';

const SWEEP_EVERY_MS = 15 * 60 * 1000;

/**
 * Deletes expired idempotency keys in the background, every fifteen minutes (lookups
 * already ignore them, so this only bounds the table). Each replica sweeps; the deletes
 * are idempotent and batched.
 */
@Injectable()
export class IdempotencyJanitor implements OnModuleInit, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(IdempotencyStore) private readonly store: IdempotencyStore,
    @Inject(PinoLogger) private readonly logger: PinoLogger,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** One sweep; failures are logged and the next sweep tries again. */
  async sweep(): Promise<number> {
    try {
      const removed = await this.store.sweep();
      if (removed > 0) {
        this.logger.info({ context: { removed } }, 'expired idempotency keys removed');
      }
      return removed;
    } catch (error) {
      this.logger.warn(
        { error: { message: error instanceof Error ? error.message : String(error) } },
        'sweeping expired idempotency keys failed',
      );
      return 0;
    }
  }
}
