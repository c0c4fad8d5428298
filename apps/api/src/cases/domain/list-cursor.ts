import { createHash } from 'node:crypto';
import { ValidationFailedError } from '@app/core';
import { CASE_STATUSES } from './case-status.js';
import { CASE_TYPES, PRIORITIES } from './case.js';
import type { SupportCase } from './case.js';
import { pagedList } from './case-list.js';
import type {
  CaseFilter,
  CaseListCriteria,
  CaseSortField,
  PagedList,
  SortOrder,
} from './case-list.js';

/** The value a list is sorted by, as the case holds it. */
export type SortValue = string | Date;

/**
 * Where a keyset page starts: just after the case with this sort value and id, in the
 * list's order. `before` is how many cases came ahead of it when it was read, which makes
 * the page's number for a given page size.
 */
export interface ListPosition {
  value: SortValue;
  id: string;
  before: number;
}

/** The list a cursor belongs to: its filters and its order. */
export interface CursorScope extends CaseFilter {
  sortBy: CaseSortField;
  sortOrder: SortOrder;
}

/** A page of a list and the cursor of the page after it (null: this page is the last). */
export interface CursorPagedList<T> extends PagedList<T> {
  nextCursor: string | null;
}

/**
 * The page as a list answers it: numbered from its position (an offset, or a cursor's
 * count of cases before it), with the cursor of the next page when `hasMore`.
 */
export function cursorPagedList<T extends SupportCase>(
  found: { items: T[]; total: number; totalExact: boolean; hasMore: boolean },
  criteria: CaseListCriteria,
): CursorPagedList<T> {
  const { pageSize, sortBy } = criteria;
  const before = criteria.after?.before ?? (criteria.page - 1) * pageSize;
  const last = found.items.at(-1);
  const next: ListPosition | null =
    found.hasMore && last
      ? { value: sortValueOf(last, sortBy), id: last.id, before: before + found.items.length }
      : null;
  return {
    ...pagedList(found, { page: Math.floor(before / pageSize) + 1, pageSize }),
    nextCursor: next && encodeCursor(next, criteria),
  };
}

/** The value of the sort field of a case, as a cursor carries it. */
export function sortValueOf(c: SupportCase, sortBy: CaseSortField): SortValue {
  switch (sortBy) {
    case 'created_at':
      return c.createdAt;
    case 'updated_at':
      return c.updatedAt;
    case 'status':
      return c.status;
    case 'priority':
      return c.priority;
    case 'case_type':
      return c.caseType;
    case 'created_by':
      return c.createdBy;
    case 'title':
      return c.title;
  }
}

// What a decoded value must be, field by field; anything else is refused before it
// reaches SQL. Lengths are the columns' own (title 200, created_by 255).
const VALUE_CHECKS: Record<CaseSortField, (value: unknown) => boolean> = {
  created_at: isTimestamp,
  updated_at: isTimestamp,
  status: (value) => (CASE_STATUSES as readonly unknown[]).includes(value),
  priority: (value) => (PRIORITIES as readonly unknown[]).includes(value),
  case_type: (value) => (CASE_TYPES as readonly unknown[]).includes(value),
  created_by: (value) => typeof value === 'string' && value.length > 0 && value.length <= 255,
  title: (value) => typeof value === 'string' && value.length > 0 && value.length <= 200,
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const FORMAT = 1;

interface CursorBody {
  /** Format version. */
  v: number;
  /** Digest of the scope: the filters and sort the cursor was made for. */
  s: string;
  /** Sort value: ISO 8601 for timestamps. */
  k: string;
  i: string;
  n: number;
}

/**
 * The opaque `next_cursor` of a list: the position as base64url JSON, a dot, and a check
 * of the body and its scope. The check is a plain digest, not a signature: it catches a
 * cursor that was edited, cut short or reused with other filters or sort (which would
 * silently page through a different list), not someone who forges one on purpose. Forging
 * gains nothing: a cursor only says where a list starts, among cases the caller may list
 * anyway, and every decoded field is checked before it reaches SQL.
 */
export function encodeCursor(position: ListPosition, scope: CursorScope): string {
  const body: CursorBody = {
    v: FORMAT,
    s: scopeDigest(scope),
    k: position.value instanceof Date ? position.value.toISOString() : position.value,
    i: position.id,
    n: position.before,
  };
  const encoded = Buffer.from(JSON.stringify(body)).toString('base64url');
  return `${encoded}.${check(encoded)}`;
}

/** The position a cursor names, or a 422 on field `cursor` naming what is wrong with it. */
export function decodeCursor(token: string, scope: CursorScope): ListPosition {
  const [encoded, checksum, ...rest] = token.split('.');
  if (rest.length > 0 || !encoded || checksum !== check(encoded)) {
    throw invalid('cursor is not one this service issued, or was changed');
  }
  const body = parse(encoded);
  if (!body || body.v !== FORMAT) {
    throw invalid('cursor is not one this service issued, or was changed');
  }
  if (body.s !== scopeDigest(scope)) {
    throw invalid(
      'cursor belongs to a list with other filters or another sort: repeat the request ' +
        'that returned it, changing only page_size',
    );
  }
  const value =
    scope.sortBy === 'created_at' || scope.sortBy === 'updated_at' ? new Date(body.k) : body.k;
  if (!VALUE_CHECKS[scope.sortBy](value) || !UUID.test(body.i)) {
    throw invalid('cursor is not one this service issued, or was changed');
  }
  return { value, id: body.i, before: body.n };
}

function parse(encoded: string): CursorBody | null {
  try {
    const body: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (typeof body !== 'object' || body === null) return null;
    const { v, s, k, i, n } = body as Record<string, unknown>;
    const fields = typeof s === 'string' && typeof k === 'string' && typeof i === 'string';
    const count = typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
    return fields && count && typeof v === 'number' ? { v, s, k, i, n } : null;
  } catch {
    return null;
  }
}

function isTimestamp(value: unknown): boolean {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

function check(encoded: string): string {
  return createHash('sha256')
    .update(`case-list-cursor:${encoded}`)
    .digest('base64url')
    .slice(0, 16);
}

/**
 * The scope as one digest: every filter, in a fixed order, and the sort. A filter added to
 * CaseFilter belongs here too (the unit test changes each one and expects a refusal).
 */
function scopeDigest(scope: CursorScope): string {
  const { sortBy, sortOrder, status, priority, caseType, createdBy, search } = scope;
  const q = scope.queries;
  const canonical = JSON.stringify([
    sortBy,
    sortOrder,
    status,
    priority,
    caseType,
    createdBy,
    search,
    scope.createdFrom?.toISOString(),
    scope.createdTo?.toISOString(),
    q && [q.table, q.fingerprint, q.databaseName, q.statementClass, q.flag, q.executedBy],
  ]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 16);
}

function invalid(message: string): ValidationFailedError {
  return new ValidationFailedError([{ field: 'cursor', message }]);
}
