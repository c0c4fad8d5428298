import type { Transaction } from '@app/core';
import type { ChainHead } from '../../audit/domain/hash-chain.js';
import type { CaseEvent } from '../domain/case-event.js';
import type { ExportedCase, ExportSlice } from '../domain/case-export.js';
import type { CaseFilter, CaseListCriteria, PageRequest } from '../domain/case-list.js';
import type { CaseStatus } from '../domain/case-status.js';
import type {
  AnalyzedQueryRecord,
  CaseSummary,
  CaseWithQueries,
  FingerprintCaseCounts,
  StoredQueryRecord,
  SupportCase,
} from '../domain/case.js';

export interface Page<T> {
  items: T[];
  total: number;
}

/**
 * A page of cases; past the count's bound the total is that bound, `totalExact` false.
 * `hasMore`: at least one case follows the page.
 */
export interface CasePage extends Page<CaseSummary> {
  totalExact: boolean;
  hasMore: boolean;
}

/** What a write needs to know about a case it appends to, read under a row lock. */
export interface CaseHead extends ChainHead {
  status: CaseStatus;
  queriesCount: number;
  createdBy: string;
}

/** Changes appended to an existing case in one transaction. */
export interface CaseChanges {
  queries: AnalyzedQueryRecord[];
  /** Already chained onto the head read by {@link CasesRepository.lockHead}. */
  events: CaseEvent[];
  status?: CaseStatus;
  at: Date;
}

/** The cases store. Writes take the caller's transaction; reads use the pool unless told. */
export abstract class CasesRepository {
  /**
   * Inserts a new case with its first query records and events; answers how many cases
   * hold each of the records' fingerprints, these records included.
   */
  abstract insert(
    tx: Transaction,
    c: SupportCase,
    queries: AnalyzedQueryRecord[],
    events: CaseEvent[],
  ): Promise<FingerprintCaseCounts>;
  /** Reads and locks the case row until `tx` ends, so appends to one case take turns. */
  abstract lockHead(tx: Transaction, id: string): Promise<CaseHead | null>;
  /**
   * Appends records and events and moves the case's projections, after {@link lockHead};
   * answers as {@link insert} does.
   */
  abstract append(
    tx: Transaction,
    id: string,
    head: CaseHead,
    changes: CaseChanges,
  ): Promise<FingerprintCaseCounts>;
  /**
   * The case with its first `queryLimit` records by position, or null when there is none;
   * read through `tx` when given, to see that transaction's own writes.
   */
  abstract findById(
    id: string,
    queryLimit: number,
    tx?: Transaction,
  ): Promise<CaseWithQueries | null>;
  /** One page of the case's records by position, or null when there is no such case. */
  abstract listQueries(caseId: string, page: PageRequest): Promise<Page<StoredQueryRecord> | null>;
  /**
   * One page of cases and their total. A total counted row by row stops past
   * `exactTotalMax` matches and answers that bound; one read from the counters is exact.
   */
  abstract list(criteria: CaseListCriteria, exactTotalMax: number): Promise<CasePage>;
  /**
   * The cases `filter` chooses, in pages of at most `pageSize` in (created_at, id) order
   * (a keyset walk: each page its own short read, no connection or cursor held between
   * pages). `signal` stops the walk and cancels a read in flight.
   */
  abstract exportPages(
    filter: CaseFilter,
    pageSize: number,
    signal?: AbortSignal,
  ): AsyncIterable<ExportedCase[]>;
  /** The records of each slice with their newest analyses, by slice then position. */
  abstract exportQueries(
    slices: readonly ExportSlice[],
    signal?: AbortSignal,
  ): Promise<StoredQueryRecord[]>;
  /** The case's events, oldest first, or null when there is no such case. */
  abstract history(id: string): Promise<CaseEvent[] | null>;
}
