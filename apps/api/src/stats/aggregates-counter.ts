import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { AggregatesQueue } from './persistence/aggregates-queue.js';

export const AGGREGATES_COUNT_INTERVAL_MS = Symbol('AGGREGATES_COUNT_INTERVAL_MS');

/** Rows of each queue per transaction: a few tens of milliseconds of counting. */
export const COUNT_BATCH_ROWS = 5_000;

/**
 * Counts what the writes queued into the aggregates, every interval, until the queues are
 * empty: the writes no longer wait on shared counter rows (migration 0011). Each replica
 * runs one; the database lets one count at a time, and the others find nothing to do.
 * Reads are exact whether or not a write has been counted yet.
 */
@Injectable()
export class AggregatesCounter implements OnModuleInit, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    @Inject(AggregatesQueue) private readonly queue: AggregatesQueue,
    @Inject(AGGREGATES_COUNT_INTERVAL_MS) private readonly intervalMs: number,
    @Inject(PinoLogger) private readonly logger: PinoLogger,
  ) {}

  onModuleInit(): void {
    if (this.intervalMs === 0) return;
    this.timer = setInterval(() => void this.countQueued(), this.intervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** Counts until the queues are empty; a call while one runs joins it. Never throws. */
  countQueued(): Promise<number> {
    this.running ??= this.drain().finally(() => (this.running = undefined));
    return this.running;
  }

  private async drain(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const counted = await this.queue.count(COUNT_BATCH_ROWS);
        total += counted;
        if (counted < COUNT_BATCH_ROWS) return total;
      }
    } catch (error) {
      // The rows stay queued (and in every read) until the next count succeeds.
      this.logger.warn(
        { error: { message: error instanceof Error ? error.message : String(error) } },
        'counting the queued writes into the aggregates failed',
      );
      return total;
    }
  }
}
