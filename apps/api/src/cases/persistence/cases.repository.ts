import type { Tx } from '@app/database';
import type { CaseEvent, ChainHead } from '../domain/case-event.js';
import type { CaseStatus } from '../domain/case-status.js';
import type {
  CaseSummary,
  CaseType,
  CaseWithQueries,
  Priority,
  QueryRecord,
  SupportCase,
} from '../domain/case.js';

export const CASE_SORT_FIELDS = [
  'created_at',
  'updated_at',
  'status',
  'priority',
  'case_type',
  'created_by',
  'title',
] as const;
export type CaseSortField = (typeof CASE_SORT_FIELDS)[number];
export type SortOrder = 'asc' | 'desc';

export interface CaseListCriteria {
  page: number;
  pageSize: number;
  status?: CaseStatus;
  priority?: Priority;
  caseType?: CaseType;
  createdBy?: string;
  search?: string;
  createdFrom?: Date;
  createdTo?: Date;
  sortBy: CaseSortField;
  sortOrder: SortOrder;
}

export interface Page<T> {
  items: T[];
  total: number;
}

/** What a write needs to know about a case it appends to, read under a row lock. */
export interface CaseHead extends ChainHead {
  status: CaseStatus;
  queriesCount: number;
  createdBy: string;
}

/** Changes appended to an existing case in one transaction. */
export interface CaseChanges {
  queries: QueryRecord[];
  /** Already chained onto the head read by {@link CasesRepository.lockHead}. */
  events: CaseEvent[];
  status?: CaseStatus;
  at: Date;
}

/** An event as stored, with what its case row says about the end of its chain. */
export interface StoredEventWithHead {
  event: CaseEvent;
  head: ChainHead;
}

/** The cases store. Writes take the caller's transaction; reads use the pool. */
export abstract class CasesRepository {
  /** Inserts a new case with its first query records and events. */
  abstract insert(
    tx: Tx,
    c: SupportCase,
    queries: QueryRecord[],
    events: CaseEvent[],
  ): Promise<void>;
  /** Reads and locks the case row until `tx` ends, so appends to one case take turns. */
  abstract lockHead(tx: Tx, id: string): Promise<CaseHead | null>;
  /** Appends records and events and moves the case's projections, after {@link lockHead}. */
  abstract append(tx: Tx, id: string, head: CaseHead, changes: CaseChanges): Promise<void>;
  abstract findById(id: string): Promise<CaseWithQueries | null>;
  abstract list(criteria: CaseListCriteria): Promise<Page<CaseSummary>>;
  /** The case's events, oldest first, or null when there is no such case. */
  abstract history(id: string): Promise<CaseEvent[] | null>;
  /** Every event, in (case, seq) order, with its case's recorded chain head; streamed. */
  abstract eventsInChainOrder(): AsyncIterable<StoredEventWithHead>;
  /** A case that has no events at all (every case starts with case_created), if any. */
  abstract findCaseWithoutEvents(): Promise<string | null>;
}
