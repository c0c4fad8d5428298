import { Module } from '@nestjs/common';
import { PgStatsRepository } from './persistence/pg-stats.repository.js';
import { StatsRepository } from './persistence/stats.repository.js';
import { StatsController } from './stats.controller.js';
import { GetStatsUseCase } from './use-cases/get-stats.use-case.js';

/** GET /api/v1/stats: figures over cases and query records, from counters. */
@Module({
  controllers: [StatsController],
  providers: [{ provide: StatsRepository, useClass: PgStatsRepository }, GetStatsUseCase],
})
export class StatsModule {}
