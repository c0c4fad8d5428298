import type { QueryFlag, StatementClass } from '../../analysis/domain/query-analysis.js';
import type { CaseStatus } from './case-status.js';
import type { CaseType, Priority } from './case.js';
import type { ListPosition } from './list-cursor.js';

/** What a list can be sorted by; every order ends in the id, so pages are stable. */
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

export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Which page of a list, counted from 1, and how many items a page holds. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

/**
 * One page of a list, with the request that chose it and how many pages there are. When
 * `totalExact` is false, `total` (and so `pages`) is a lower bound: counting stopped there.
 */
export interface PagedList<T> extends PageRequest {
  items: T[];
  total: number;
  totalExact: boolean;
  pages: number;
}

export function pagedList<T>(
  found: { items: T[]; total: number; totalExact?: boolean },
  request: PageRequest,
): PagedList<T> {
  return {
    items: found.items,
    total: found.total,
    totalExact: found.totalExact ?? true,
    page: request.page,
    pageSize: request.pageSize,
    pages: Math.ceil(found.total / request.pageSize),
  };
}

/** What one query record must hold; analysis filters read the current analyzer's rows. */
export interface QueryRecordCriteria {
  /** `schema.table`, lower-case. */
  table?: string;
  fingerprint?: string;
  databaseName?: string;
  statementClass?: StatementClass;
  flag?: QueryFlag;
  /** Normalized, as records store it. */
  executedBy?: string;
}

/** Which cases a list or an export holds. */
export interface CaseFilter {
  status?: CaseStatus;
  priority?: Priority;
  caseType?: CaseType;
  /** Normalized, as the case stores it. */
  createdBy?: string;
  /** A literal, case-insensitive substring of the title or description. */
  search?: string;
  createdFrom?: Date;
  createdTo?: Date;
  /** A case matches when one of its query records matches every one of these. */
  queries?: QueryRecordCriteria;
}

/**
 * One page of a filtered, sorted list of cases: the `page`-th of `pageSize`, or, with
 * `after`, the `pageSize` cases that follow that position (keyset paging: `page` is then
 * the position's page number, and the read costs the same at any depth).
 */
export interface CaseListCriteria extends PageRequest, CaseFilter {
  sortBy: CaseSortField;
  sortOrder: SortOrder;
  after?: ListPosition;
}

/**
 * Three letters or digits in a row: the least a search term needs for the trigram index
 * of migration 0003 to narrow it. pg_trgm takes trigrams from runs of word characters
 * (letters and digits) only, and `%`, `_`, `\` are escaped literals here, so `e`, `ab`,
 * `%`, `...` or `a b` yield none, or only the padded trigram of a word's edge ("  b": any
 * word starting with b), and PostgreSQL reads every row to find and count the matches.
 * ASCII only: whether PostgreSQL takes `é` for a letter depends on the database's
 * LC_CTYPE (never under `C`), and a term counted as indexable that is not would go uncapped.
 */
const INDEXABLE_SEARCH = /[A-Za-z0-9]{3}/;

/**
 * True when the list's search term cannot use the trigram index: its page and its exact
 * total then read every row the other filters leave, the whole table without them. Such
 * lists are capped (ExpensiveListLimiter) and run on one backend, one statement after the
 * other. The rule looks at the term alone, even where another filter (created_by) would
 * narrow the scan through its own index: it may cap a list that is cheap, never the
 * other way round.
 */
export function needsFullScan(criteria: Pick<CaseListCriteria, 'search'>): boolean {
  return criteria.search !== undefined && !INDEXABLE_SEARCH.test(criteria.search);
}

/**
 * Which totals the counters answer, exactly and at any size: no filter, or only status,
 * priority and case type (the list counters), or only one table or one fingerprint (the
 * analysis counters). Any other filter is counted row by row, up to a bound.
 */
export function countedByCounters(filter: CaseFilter): 'cases' | 'table' | 'fingerprint' | null {
  const onOtherColumns =
    filter.createdBy !== undefined ||
    filter.search !== undefined ||
    filter.createdFrom !== undefined ||
    filter.createdTo !== undefined;
  if (onOtherColumns) return null;
  if (!filter.queries) return 'cases';
  const onCaseColumns =
    filter.status !== undefined || filter.priority !== undefined || filter.caseType !== undefined;
  const given = Object.entries(filter.queries).filter(([, value]) => value !== undefined);
  if (onCaseColumns || given.length !== 1) return null;
  const [[key]] = given;
  return key === 'table' || key === 'fingerprint' ? key : null;
}
