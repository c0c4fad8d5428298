import type { CaseStatus } from './case-status.js';
import type { CaseType, Priority } from './case.js';

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

/** One page of a filtered, sorted list of cases. */
export interface CaseListCriteria extends PageRequest {
  status?: CaseStatus;
  priority?: Priority;
  caseType?: CaseType;
  /** Normalized, as the case stores it. */
  createdBy?: string;
  /** A literal, case-insensitive substring of the title or description. */
  search?: string;
  createdFrom?: Date;
  createdTo?: Date;
  sortBy: CaseSortField;
  sortOrder: SortOrder;
}
