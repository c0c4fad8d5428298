import { DynamicModule, Module } from '@nestjs/common';
import { AGGREGATES_COUNT_INTERVAL_MS, AggregatesCounter } from './aggregates-counter.js';
import { AggregatesQueue } from './persistence/aggregates-queue.js';
import { PgStatsRepository } from './persistence/pg-stats.repository.js';
import { StatsRepository } from './persistence/stats.repository.js';
import { StatsController } from './stats.controller.js';
import { GetStatsUseCase } from './use-cases/get-stats.use-case.js';

/**
 * GET /api/v1/stats: figures over cases and query records, from counters; and the
 * background count that keeps every aggregate's counters (fingerprints included).
 */
@Module({})
export class StatsModule {
  /** `countIntervalMs` 0: no background count (the queues then grow until one runs). */
  static forRoot({ countIntervalMs }: { countIntervalMs: number }): DynamicModule {
    return {
      module: StatsModule,
      controllers: [StatsController],
      providers: [
        { provide: StatsRepository, useClass: PgStatsRepository },
        { provide: AGGREGATES_COUNT_INTERVAL_MS, useValue: countIntervalMs },
        GetStatsUseCase,
        AggregatesQueue,
        AggregatesCounter,
      ],
      exports: [AggregatesCounter],
    };
  }
}
