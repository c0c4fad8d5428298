import { Injectable } from '@nestjs/common';
import { ANALYZER_VERSION } from '../../analysis/domain/query-analyzer.js';
import type { StatsPeriod, TrackerStats } from '../domain/tracker-stats.js';
import { StatsRepository } from '../persistence/stats.repository.js';

@Injectable()
export class GetStatsUseCase {
  constructor(private readonly stats: StatsRepository) {}

  execute(period: StatsPeriod): Promise<TrackerStats> {
    return this.stats.read(period, ANALYZER_VERSION);
  }
}
