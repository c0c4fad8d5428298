import { randomUUID } from 'node:crypto';
import type { QueryAnalysis, SqlAnalyzer } from '../../analysis/domain/query-analysis.js';
import { CaseStatus } from './case-status.js';

export const CASE_TYPES = ['support', 'requirement', 'investigation'] as const;
export type CaseType = (typeof CASE_TYPES)[number];

export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Priority = (typeof PRIORITIES)[number];

export interface SupportCase {
  id: string;
  title: string;
  description: string | null;
  caseType: CaseType;
  priority: Priority;
  status: CaseStatus;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface QueryRecord {
  id: string;
  caseId: string;
  databaseName: string;
  schemaName: string;
  queryText: string;
  executionTimeMs: number | null;
  rowsAffected: number | null;
  result: unknown;
  executedBy: string;
  executedAt: Date;
  recordedAt: Date;
}

/** A record with what the parser made of its text; null for records never analysed. */
export interface AnalyzedQueryRecord extends QueryRecord {
  analysis: QueryAnalysis | null;
}

/**
 * A record as the API shows it: with how many distinct cases hold its fingerprint (null
 * without one), counted when it was read or, for a new record, once it was written.
 */
export interface StoredQueryRecord extends AnalyzedQueryRecord {
  fingerprintCases: number | null;
}

/** Distinct cases per fingerprint, as a write leaves them. */
export type FingerprintCaseCounts = ReadonlyMap<string, number>;

export function withFingerprintCases(
  records: readonly AnalyzedQueryRecord[],
  counts: FingerprintCaseCounts,
): StoredQueryRecord[] {
  return records.map((q) => {
    const fingerprint = q.analysis?.fingerprint;
    return { ...q, fingerprintCases: fingerprint ? (counts.get(fingerprint) ?? null) : null };
  });
}

/** The analyses of new records' texts, in order (null where the analyzer could not run). */
export function analyzeInputs(
  inputs: readonly NewQueryInput[],
  analyzer: SqlAnalyzer,
): Promise<Array<QueryAnalysis | null>> {
  return Promise.all(inputs.map((q) => analyzer.analyze(q.queryText, q.schemaName)));
}

/**
 * A case's detail carries at most this many of its query records, the oldest; the rest
 * are read page by page. Bounds the work and the body of one request.
 */
export const CASE_DETAIL_QUERIES = 100;

export interface CaseWithQueries extends SupportCase {
  /** The first records by position (oldest first), at most {@link CASE_DETAIL_QUERIES}. */
  queries: StoredQueryRecord[];
  /** How many records the case has in all. */
  queriesTotal: number;
}

export interface CaseSummary extends SupportCase {
  queriesCount: number;
}

export interface NewCaseInput {
  title: string;
  description?: string | null;
  caseType: CaseType;
  priority: Priority;
  createdBy: string;
}

export interface NewQueryInput {
  databaseName: string;
  schemaName: string;
  queryText: string;
  executionTimeMs?: number | null;
  rowsAffected?: number | null;
  result?: unknown;
  executedBy?: string | null;
  executedAt?: Date | null;
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** A new case: trimmed title, lower-case actor, always `open`, created and updated `now`. */
export function openCase(input: NewCaseInput, now: Date): SupportCase {
  return {
    id: randomUUID(),
    title: input.title.trim(),
    description: input.description ?? null,
    caseType: input.caseType,
    priority: input.priority,
    status: 'open',
    createdBy: normalizeEmail(input.createdBy),
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * A query record as written at `now` by `actor`: who ran it defaults to the actor of the
 * request and when it ran defaults to the write time.
 */
export function recordQuery(
  caseId: string,
  input: NewQueryInput,
  actor: string,
  now: Date,
): QueryRecord {
  return {
    id: randomUUID(),
    caseId,
    databaseName: input.databaseName,
    schemaName: input.schemaName,
    queryText: input.queryText,
    executionTimeMs: input.executionTimeMs ?? null,
    rowsAffected: input.rowsAffected ?? null,
    result: input.result === undefined ? null : input.result,
    executedBy: normalizeEmail(input.executedBy ?? actor),
    executedAt: input.executedAt ?? now,
    recordedAt: now,
  };
}
