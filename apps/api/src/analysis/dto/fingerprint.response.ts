import { ApiProperty } from '@nestjs/swagger';
import type { FingerprintList } from '../use-cases/list-fingerprints.use-case.js';
import type { FingerprintStats } from '../domain/fingerprint-stats.js';
import { STATEMENT_CLASSES, StatementClass } from '../domain/query-analysis.js';

const PERCENTILE_NOTE =
  'Nearest-rank, read from a histogram of 2 %-wide buckets: exact while the records of a ' +
  'bucket share one value, within 1 % otherwise.';

export class ExecutionTimeResponse {
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Records that give a time.' })
  timed!: number;

  @ApiProperty({ type: 'integer', format: 'int64', minimum: 0, description: 'Sum, in ms.' })
  total!: number;

  @ApiProperty({ type: 'number', nullable: true, description: `Median, in ms. ${PERCENTILE_NOTE}` })
  p50!: number | null;

  @ApiProperty({
    type: 'number',
    nullable: true,
    description: `95th percentile, in ms. ${PERCENTILE_NOTE}`,
  })
  p95!: number | null;

  @ApiProperty({ type: 'integer', nullable: true, description: 'Longest, in ms (exact).' })
  max!: number | null;
}

/** Everything recorded under one query shape. */
export class FingerprintResponse {
  @ApiProperty({ example: 'a0ead580058af585' }) fingerprint!: string;
  @ApiProperty({ example: 'pg18-v1' }) analyzer_version!: string;

  @ApiProperty({
    description: 'The first recorded text of this shape, with its literals as $n.',
    example: 'SELECT * FROM sales WHERE region = $1',
  })
  normalized!: string;

  @ApiProperty({ type: [String], example: ['SelectStmt'] }) statement_types!: string[];

  @ApiProperty({ enum: STATEMENT_CLASSES, enumName: 'StatementClass', isArray: true })
  classes!: StatementClass[];

  @ApiProperty({
    type: [String],
    example: ['public.sales'],
    description:
      'Every table seen under the fingerprint: it ignores schema names and, where a table has ' +
      "an alias, the table's name, so texts reading different tables may share it.",
  })
  tables!: string[];

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Query records of this shape.' })
  occurrences!: number;

  @ApiProperty({ type: 'integer', minimum: 1, description: 'Distinct cases holding them.' })
  distinct_cases!: number;

  @ApiProperty({ type: () => ExecutionTimeResponse }) execution_time_ms!: ExecutionTimeResponse;

  @ApiProperty({ type: 'integer', format: 'int64', minimum: 0 }) rows_affected_sum!: number;

  @ApiProperty({ format: 'date-time', description: 'Earliest executed_at.' }) first_seen!: string;
  @ApiProperty({ format: 'date-time', description: 'Latest executed_at.' }) last_seen!: string;

  static from(f: FingerprintStats): FingerprintResponse {
    return {
      fingerprint: f.fingerprint,
      analyzer_version: f.analyzerVersion,
      normalized: f.normalized,
      statement_types: f.statementTypes,
      classes: f.classes,
      tables: f.tables,
      occurrences: f.occurrences,
      distinct_cases: f.cases,
      execution_time_ms: { ...f.executionTimeMs },
      rows_affected_sum: f.rowsAffectedSum,
      first_seen: f.firstSeen.toISOString(),
      last_seen: f.lastSeen.toISOString(),
    };
  }
}

export class FingerprintListResponse {
  @ApiProperty({ type: () => [FingerprintResponse] }) items!: FingerprintResponse[];
  @ApiProperty({ type: 'integer', minimum: 0 }) total!: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) page!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100 }) page_size!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) pages!: number;

  static from(list: FingerprintList): FingerprintListResponse {
    return {
      items: list.items.map((f) => FingerprintResponse.from(f)),
      total: list.total,
      page: list.page,
      page_size: list.pageSize,
      pages: list.pages,
    };
  }
}
