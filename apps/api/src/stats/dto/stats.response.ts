import { ApiProperty } from '@nestjs/swagger';
import { QUERY_FLAGS } from '../../analysis/domain/query-analysis.js';
import type { QueryFlag } from '../../analysis/domain/query-analysis.js';
import type { TrackerStats } from '../domain/tracker-stats.js';

const count = (description?: string) =>
  ApiProperty({ type: 'integer', format: 'int64', minimum: 0, description });

export class StatusCounts {
  @count() open!: number;
  @count() in_progress!: number;
  @count() resolved!: number;
  @count() closed!: number;
}

export class PriorityCounts {
  @count() low!: number;
  @count() medium!: number;
  @count() high!: number;
  @count() critical!: number;
}

export class CaseTypeCounts {
  @count() support!: number;
  @count() requirement!: number;
  @count() investigation!: number;
}

export class CaseCounts {
  @count('Cases created in the period.') total!: number;
  @ApiProperty({ type: () => StatusCounts, description: 'By current status.' })
  by_status!: StatusCounts;
  @ApiProperty({ type: () => PriorityCounts }) by_priority!: PriorityCounts;
  @ApiProperty({ type: () => CaseTypeCounts }) by_type!: CaseTypeCounts;
}

export class StatsPeriodResponse {
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) date_gte!: string | null;
  @ApiProperty({ type: 'string', format: 'date', nullable: true }) date_lte!: string | null;
}

export class DayCount {
  @ApiProperty({ format: 'date', example: '2025-10-01' }) date!: string;
  @count() cases!: number;
}

export class TimeToResolve {
  @count('Cases of the period that reached resolved.') resolved_cases!: number;
  @ApiProperty({ type: 'number', nullable: true, description: 'Median, in seconds.' })
  p50_seconds!: number | null;
  @ApiProperty({ type: 'number', nullable: true, description: '95th percentile, in seconds.' })
  p95_seconds!: number | null;
}

export class TableCount {
  @ApiProperty({ example: 'public.sales' }) table!: string;
  @count('Query records of the period that name the table.') queries!: number;
}

export class FingerprintCount {
  @ApiProperty({ example: 'a0ead580058af585' }) fingerprint!: string;
  @ApiProperty({ type: 'string', nullable: true, example: 'SELECT * FROM sales WHERE id = $1' })
  normalized!: string | null;
  @count('Query records of the period with the fingerprint.') queries!: number;
}

export class FlagCount {
  @ApiProperty({ enum: QUERY_FLAGS, enumName: 'QueryFlag' }) flag!: QueryFlag;
  @ApiProperty({ example: 'prod_db' }) database_name!: string;
  @count('Query records of the period with the flag, on that database.') queries!: number;
}

export class StatsResponse {
  @ApiProperty({ type: () => StatsPeriodResponse }) period!: StatsPeriodResponse;
  @ApiProperty({ type: () => CaseCounts }) cases!: CaseCounts;
  @ApiProperty({ type: () => [DayCount], description: 'Days without a new case are left out.' })
  opened_per_day!: DayCount[];
  @ApiProperty({
    type: () => TimeToResolve,
    description:
      'From creation to the move to resolved (a case closed without it does not count). ' +
      'Nearest-rank percentiles from 2 %-wide buckets: within 1 %.',
  })
  time_to_resolve!: TimeToResolve;
  @ApiProperty({ type: () => [TableCount], description: 'The 10 most named tables.' })
  top_tables!: TableCount[];
  @ApiProperty({ type: () => [FingerprintCount], description: 'The 10 most recorded shapes.' })
  top_fingerprints!: FingerprintCount[];
  @ApiProperty({ type: () => [FlagCount], description: 'Most frequent first.' })
  flagged_queries!: FlagCount[];

  static from(s: TrackerStats): StatsResponse {
    return {
      period: { date_gte: s.period.from ?? null, date_lte: s.period.to ?? null },
      cases: {
        total: s.cases.total,
        by_status: s.cases.byStatus,
        by_priority: s.cases.byPriority,
        by_type: s.cases.byType,
      },
      opened_per_day: s.openedPerDay,
      time_to_resolve: {
        resolved_cases: s.timeToResolve.resolvedCases,
        p50_seconds: s.timeToResolve.p50Seconds,
        p95_seconds: s.timeToResolve.p95Seconds,
      },
      top_tables: s.topTables,
      top_fingerprints: s.topFingerprints,
      flagged_queries: s.flaggedQueries.map((f) => ({
        flag: f.flag,
        database_name: f.databaseName,
        queries: f.queries,
      })),
    };
  }
}
