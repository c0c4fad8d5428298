import { HASH_ALGORITHMS } from '../../audit/domain/hash-chain.js';
import type { HashAlgorithm } from '../../audit/domain/hash-chain.js';
import { ApiProperty } from '@nestjs/swagger';
import { CASE_EVENT_TYPES } from '../domain/case-event.js';
import type { CaseEvent, CaseEventType } from '../domain/case-event.js';
import { CASE_STATUSES } from '../domain/case-status.js';
import type { CaseStatus } from '../domain/case-status.js';
import { CASE_DETAIL_QUERIES, CASE_TYPES, PRIORITIES } from '../domain/case.js';
import type {
  CaseSummary,
  CaseType,
  CaseWithQueries,
  StoredQueryRecord,
  Priority,
  SupportCase,
} from '../domain/case.js';
import { QueryAnalysisResponse } from '../../analysis/dto/query-analysis.response.js';
import type { QueryRecordPage } from '../use-cases/list-case-queries.use-case.js';
import type { CaseList } from '../use-cases/list-cases.use-case.js';
import { ANY_JSON_OR_NULL } from './query-record.input.js';

export class QueryRecordResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) case_id!: string;
  @ApiProperty() database_name!: string;
  @ApiProperty() schema_name!: string;
  @ApiProperty() query_text!: string;
  @ApiProperty({ type: 'integer', nullable: true }) execution_time_ms!: number | null;
  @ApiProperty({ type: 'integer', format: 'int64', nullable: true }) rows_affected!: number | null;
  @ApiProperty({
    description: 'The JSON value recorded, or null.',
    oneOf: ANY_JSON_OR_NULL,
  })
  result!: unknown;
  @ApiProperty({ format: 'email' }) executed_by!: string;
  @ApiProperty({ format: 'date-time' }) executed_at!: string;
  @ApiProperty({ format: 'date-time' }) recorded_at!: string;

  @ApiProperty({
    type: () => QueryAnalysisResponse,
    nullable: true,
    description:
      "What PostgreSQL's parser makes of the text (the newest analyzer's); null for a record never analysed.",
  })
  analysis!: QueryAnalysisResponse | null;

  @ApiProperty({
    type: 'integer',
    nullable: true,
    minimum: 1,
    description:
      "How many distinct cases hold this record's fingerprint (GET /api/v1/fingerprints/{fingerprint} " +
      'has the rest of its figures); null for a record without a fingerprint. A create or append ' +
      'answers it as its own write saw it, this case included.',
  })
  fingerprint_cases!: number | null;

  static from(q: StoredQueryRecord): QueryRecordResponse {
    return {
      id: q.id,
      case_id: q.caseId,
      database_name: q.databaseName,
      schema_name: q.schemaName,
      query_text: q.queryText,
      execution_time_ms: q.executionTimeMs,
      rows_affected: q.rowsAffected,
      result: q.result,
      executed_by: q.executedBy,
      executed_at: q.executedAt.toISOString(),
      recorded_at: q.recordedAt.toISOString(),
      analysis: q.analysis && QueryAnalysisResponse.from(q.analysis),
      fingerprint_cases: q.fingerprintCases,
    };
  }
}

export class CaseFields {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ maxLength: 200 }) title!: string;
  @ApiProperty({ nullable: true, type: 'string', maxLength: 5000 }) description!: string | null;
  @ApiProperty({ enum: CASE_TYPES, enumName: 'CaseType' }) case_type!: CaseType;
  @ApiProperty({ enum: PRIORITIES, enumName: 'Priority' }) priority!: Priority;
  @ApiProperty({ enum: CASE_STATUSES, enumName: 'CaseStatus' }) status!: CaseStatus;
  @ApiProperty({ format: 'email' }) created_by!: string;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time', description: 'Time of the last appended change.' })
  updated_at!: string;
}

export function caseFields(c: SupportCase): CaseFields {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    case_type: c.caseType,
    priority: c.priority,
    status: c.status,
    created_by: c.createdBy,
    created_at: c.createdAt.toISOString(),
    updated_at: c.updatedAt.toISOString(),
  };
}

export class CaseResponse extends CaseFields {
  @ApiProperty({
    type: () => [QueryRecordResponse],
    maxItems: CASE_DETAIL_QUERIES,
    description: `The case's first ${CASE_DETAIL_QUERIES} query records at most, oldest first; GET /api/v1/cases/{id}/queries pages through all of them.`,
  })
  queries!: QueryRecordResponse[];
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'How many query records the case has in all.',
  })
  queries_total!: number;

  static from(c: CaseWithQueries): CaseResponse {
    return {
      ...caseFields(c),
      queries: c.queries.map((q) => QueryRecordResponse.from(q)),
      queries_total: c.queriesTotal,
    };
  }
}

export class CaseListItemResponse extends CaseFields {
  @ApiProperty({ type: 'integer', minimum: 0 }) queries_count!: number;

  static from(c: CaseSummary): CaseListItemResponse {
    return { ...caseFields(c), queries_count: c.queriesCount };
  }
}

export class CaseListResponse {
  @ApiProperty({ type: () => [CaseListItemResponse] }) items!: CaseListItemResponse[];
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description:
      'How many cases match. When `total_exact` is false, a lower bound: at least this many ' +
      '(counting stopped at LIST_EXACT_TOTAL_MAX, 1,000 by default).',
  })
  total!: number;
  @ApiProperty({
    description:
      'False when more cases match than the service counts one by one: `total` and `pages` ' +
      'are then lower bounds. Totals of lists filtered only by status, priority and case ' +
      'type, or only by one table or one fingerprint, are always exact.',
  })
  total_exact!: boolean;
  @ApiProperty({ type: 'integer', minimum: 1 }) page!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 50 }) page_size!: number;
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'ceil(total / page_size); a lower bound when `total_exact` is false.',
  })
  pages!: number;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description:
      'Pass as `cursor` (with the same filters and sort) for the page after this one, read ' +
      'from its place in the sort order: the way to walk a long list, every page as fast as ' +
      'the first. Null on the last page. Opaque: its content may change between versions.',
  })
  next_cursor!: string | null;

  static from(list: CaseList): CaseListResponse {
    return {
      items: list.items.map((c) => CaseListItemResponse.from(c)),
      total: list.total,
      total_exact: list.totalExact,
      page: list.page,
      page_size: list.pageSize,
      pages: list.pages,
      next_cursor: list.nextCursor,
    };
  }
}

export class QueryRecordListResponse {
  @ApiProperty({ type: () => [QueryRecordResponse] }) items!: QueryRecordResponse[];

  static from(records: StoredQueryRecord[]): QueryRecordListResponse {
    return { items: records.map((q) => QueryRecordResponse.from(q)) };
  }
}

export class QueryRecordPageResponse {
  @ApiProperty({ type: () => [QueryRecordResponse] }) items!: QueryRecordResponse[];
  @ApiProperty({ type: 'integer', minimum: 0 }) total!: number;
  @ApiProperty({ type: 'integer', minimum: 1 }) page!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100 }) page_size!: number;
  @ApiProperty({ type: 'integer', minimum: 0 }) pages!: number;

  static from(page: QueryRecordPage): QueryRecordPageResponse {
    return {
      items: page.items.map((q) => QueryRecordResponse.from(q)),
      total: page.total,
      page: page.page,
      page_size: page.pageSize,
      pages: page.pages,
    };
  }
}

export class CaseEventResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) case_id!: string;
  @ApiProperty({ enum: CASE_EVENT_TYPES, enumName: 'CaseEventType' }) type!: CaseEventType;
  @ApiProperty({ format: 'email' }) actor!: string;
  @ApiProperty({ format: 'date-time' }) occurred_at!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'case_created: the case as opened; query_recorded: the record (text and result by digest); status_changed: {from, to, note}.',
  })
  payload!: Record<string, unknown>;
  @ApiProperty({
    description:
      'Hex digest over this event (its id included, except for sha256-v1) and prev_hash, made as hash_alg says.',
    example: 'ab12…',
  })
  hash!: string;
  @ApiProperty({
    enum: HASH_ALGORITHMS,
    enumName: 'HashAlgorithm',
    description:
      'sha256-v1: the first chains, whose hash leaves the event id out; sha256: SHA-256; hmac-sha256: HMAC-SHA-256 keyed with the server’s AUDIT_HMAC_KEY.',
  })
  hash_alg!: HashAlgorithm;
  @ApiProperty({
    type: 'string',
    nullable: true,
    description: "The previous event's hash; null first.",
  })
  prev_hash!: string | null;

  static from(e: CaseEvent): CaseEventResponse {
    return {
      id: e.id,
      case_id: e.caseId,
      type: e.type,
      actor: e.actor,
      occurred_at: e.occurredAt.toISOString(),
      payload: e.payload,
      hash: e.hash,
      hash_alg: e.hashAlg,
      prev_hash: e.prevHash,
    };
  }
}

export class CaseHistoryResponse {
  @ApiProperty({ type: () => [CaseEventResponse] }) items!: CaseEventResponse[];

  static from(events: CaseEvent[]): CaseHistoryResponse {
    return { items: events.map((e) => CaseEventResponse.from(e)) };
  }
}
