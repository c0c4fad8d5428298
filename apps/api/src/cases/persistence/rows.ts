import type { HashAlgorithm } from '../../audit/domain/hash-chain.js';
import type { CaseEvent, CaseEventType } from '../domain/case-event.js';
import type { CaseStatus } from '../domain/case-status.js';
import type { CaseHead } from './cases.repository.js';
import type {
  QueryAnalysis,
  QueryFlag,
  StatementClass,
} from '../../analysis/domain/query-analysis.js';
import type {
  AnalyzedQueryRecord,
  CaseType,
  Priority,
  QueryRecord,
  StoredQueryRecord,
  SupportCase,
} from '../domain/case.js';

export interface CaseRow {
  id: string;
  title: string;
  description: string | null;
  case_type: CaseType;
  priority: Priority;
  status: CaseStatus;
  created_by: string;
  created_at: Date;
  updated_at: Date;
  queries_count: number;
}

export interface QueryRecordRow {
  id: string;
  case_id: string;
  database_name: string;
  schema_name: string;
  query_text: string;
  execution_time_ms: number | null;
  /** int8 arrives as a string from postgres.js; values are ≤ 2^53 by validation. */
  rows_affected: string | null;
  result: unknown;
  executed_by: string;
  executed_at: Date;
  recorded_at: Date;
}

/** A record row with its newest analysis, if any (columns null when none). */
export interface AnalyzedQueryRecordRow extends QueryRecordRow {
  analyzer_version: string | null;
  parsed: boolean | null;
  parse_error_message: string | null;
  parse_error_position: number | null;
  fingerprint: string | null;
  normalized: string | null;
  statement_types: string[] | null;
  classes: string[] | null;
  tables: string[] | null;
  flags: string[] | null;
}

export function toAnalyzedQueryRecord(row: AnalyzedQueryRecordRow): AnalyzedQueryRecord {
  const analysis: QueryAnalysis | null =
    row.analyzer_version === null
      ? null
      : {
          analyzerVersion: row.analyzer_version,
          parsed: row.parsed === true,
          parseError:
            row.parse_error_message === null
              ? null
              : { message: row.parse_error_message, position: row.parse_error_position },
          fingerprint: row.fingerprint,
          normalized: row.normalized,
          statementTypes: row.statement_types ?? [],
          classes: (row.classes ?? []) as StatementClass[],
          tables: row.tables ?? [],
          flags: (row.flags ?? []) as QueryFlag[],
        };
  return { ...toQueryRecord(row), analysis };
}

export interface StoredQueryRecordRow extends AnalyzedQueryRecordRow {
  /** bigint: postgres.js reads it as a string. */
  fingerprint_cases: string | null;
}

export function toStoredQueryRecord(row: StoredQueryRecordRow): StoredQueryRecord {
  return {
    ...toAnalyzedQueryRecord(row),
    fingerprintCases: row.fingerprint_cases === null ? null : Number(row.fingerprint_cases),
  };
}

export function toCase(row: CaseRow): SupportCase {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    caseType: row.case_type,
    priority: row.priority,
    status: row.status,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toQueryRecord(row: QueryRecordRow): QueryRecord {
  return {
    id: row.id,
    caseId: row.case_id,
    databaseName: row.database_name,
    schemaName: row.schema_name,
    queryText: row.query_text,
    executionTimeMs: row.execution_time_ms,
    rowsAffected: row.rows_affected === null ? null : Number(row.rows_affected),
    result: row.result,
    executedBy: row.executed_by,
    executedAt: row.executed_at,
    recordedAt: row.recorded_at,
  };
}

export interface CaseHeadRow {
  status: CaseStatus;
  created_by: string;
  queries_count: number;
  events_count: number;
  last_event_hash: string | null;
}

export function toCaseHead(row: CaseHeadRow): CaseHead {
  return {
    status: row.status,
    createdBy: row.created_by,
    queriesCount: row.queries_count,
    eventsCount: row.events_count,
    lastHash: row.last_event_hash,
  };
}

export interface CaseEventRow {
  id: string;
  case_id: string;
  seq: number;
  type: CaseEventType;
  actor: string;
  occurred_at: Date;
  payload: Record<string, unknown>;
  prev_hash: string | null;
  hash_alg: HashAlgorithm;
  hash: string;
}

export function toCaseEvent(row: CaseEventRow): CaseEvent {
  return {
    id: row.id,
    caseId: row.case_id,
    seq: row.seq,
    type: row.type,
    actor: row.actor,
    occurredAt: row.occurred_at,
    payload: row.payload,
    prevHash: row.prev_hash,
    hashAlg: row.hash_alg,
    hash: row.hash,
  };
}
