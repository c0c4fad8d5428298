import { ValidationFailedError } from '@app/core';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { FINGERPRINT_PATTERN } from '../../analysis/domain/fingerprint-stats.js';
import { QUERY_FLAGS, STATEMENT_CLASSES } from '../../analysis/domain/query-analysis.js';
import type { QueryFlag, StatementClass } from '../../analysis/domain/query-analysis.js';
import { CASE_STATUSES } from '../domain/case-status.js';
import { decodeCursor } from '../domain/list-cursor.js';
import type { CaseStatus } from '../domain/case-status.js';
import { CASE_TYPES, PRIORITIES } from '../domain/case.js';
import type { CaseType, Priority } from '../domain/case.js';
import { CASE_SORT_FIELDS, SORT_ORDERS } from '../domain/case-list.js';
import type {
  CaseFilter,
  CaseListCriteria,
  CaseSortField,
  QueryRecordCriteria,
  SortOrder,
} from '../domain/case-list.js';
import {
  CharLength,
  isBareDate,
  IsIsoDateOrDateTime,
  ISO_DATE_OR_DATE_TIME_PATTERN,
  EmailFilter,
  Omittable,
  PageNumber,
  PageSize,
} from './validators.js';

const DAY_MS = 24 * 60 * 60 * 1000;
// `schema.table` as the analysis writes it: two names without dots or blanks.
const TABLE_PATTERN = '^[^.\\s]+\\.[^.\\s]+$';
const DEFAULT_PAGE_SIZE = 10;
// A cursor holds a sort value (a title of up to 200 characters, an email of up to 255,
// up to 4 UTF-8 bytes each), an id and a count, as base64url: well under this.
const CURSOR_MAX_LENGTH = 2048;

export class ListCasesQuery {
  @PageNumber()
  page?: number;

  @PageSize(50, DEFAULT_PAGE_SIZE)
  page_size?: number;

  @ApiPropertyOptional({ enum: CASE_STATUSES, enumName: 'CaseStatus' })
  @Omittable()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({ enum: PRIORITIES, enumName: 'Priority' })
  @Omittable()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ enum: CASE_TYPES, enumName: 'CaseType' })
  @Omittable()
  @IsIn(CASE_TYPES)
  case_type?: CaseType;

  @EmailFilter('Exact email, any letter case.')
  created_by?: string;

  @ApiPropertyOptional({
    description:
      'Case-insensitive substring of title or description; `%`, `_` and `\\` are literal. ' +
      'A term without 3 letters or digits in a row (`e`, `%`, `a b`) is answered by reading ' +
      'every case: by default one such list at a time per client (another at once: 429, ' +
      'Retry-After 1) and a bounded wait for a turn (503 beyond).',
    maxLength: 200,
  })
  @Omittable()
  @IsString()
  @CharLength(0, 200)
  search?: string;

  @ApiPropertyOptional({
    description:
      'created_at ≥ this (ISO 8601 date or date-time with zone, years 1900–9999). A bare date is midnight UTC.',
    example: '2025-10-01',
    pattern: ISO_DATE_OR_DATE_TIME_PATTERN,
  })
  @Omittable()
  @IsIsoDateOrDateTime()
  date_gte?: string;

  @ApiPropertyOptional({
    description:
      'created_at ≤ this (ISO 8601 date or date-time with zone, years 1900–9999). A bare date includes that whole day (UTC).',
    example: '2025-10-31',
    pattern: ISO_DATE_OR_DATE_TIME_PATTERN,
  })
  @Omittable()
  @IsIsoDateOrDateTime()
  date_lte?: string;

  @ApiPropertyOptional({
    description:
      'Cases with a query record that names this table (`schema.table`, any letter case). ' +
      'The query filters (table, fingerprint, database_name, class, flag, executed_by) must all ' +
      "hold for one same record; they read the current analyzer's analyses.",
    example: 'public.accounts',
    pattern: TABLE_PATTERN,
    maxLength: 257,
  })
  @Omittable()
  @IsString()
  @Matches(new RegExp(TABLE_PATTERN))
  @CharLength(3, 257)
  table?: string;

  @ApiPropertyOptional({
    description: "Cases with a query record of this fingerprint (the analysis' `fingerprint`).",
    example: 'a0ead580058af585',
    pattern: FINGERPRINT_PATTERN,
  })
  @Omittable()
  @IsString()
  @Matches(new RegExp(FINGERPRINT_PATTERN))
  fingerprint?: string;

  @ApiPropertyOptional({
    description: 'Cases with a query record run on this database (exact).',
    example: 'sales_db',
    minLength: 1,
    maxLength: 128,
  })
  @Omittable()
  @IsString()
  @CharLength(1, 128)
  database_name?: string;

  @ApiPropertyOptional({
    enum: STATEMENT_CLASSES,
    enumName: 'StatementClass',
    description: 'Cases with a query record holding a statement of this class.',
  })
  @Omittable()
  @IsIn(STATEMENT_CLASSES)
  class?: StatementClass;

  @ApiPropertyOptional({
    enum: QUERY_FLAGS,
    enumName: 'QueryFlag',
    description: 'Cases with a query record flagged so.',
  })
  @Omittable()
  @IsIn(QUERY_FLAGS)
  flag?: QueryFlag;

  @EmailFilter('Cases with a query record run by this email, any letter case.')
  executed_by?: string;

  @ApiPropertyOptional({
    enum: CASE_SORT_FIELDS,
    enumName: 'CaseSortField',
    description: 'Left out: created_at.',
  })
  @Omittable()
  @IsIn(CASE_SORT_FIELDS)
  sort_by?: CaseSortField;

  @ApiPropertyOptional({ enum: SORT_ORDERS, enumName: 'SortOrder', description: 'Left out: desc.' })
  @Omittable()
  @IsIn(SORT_ORDERS)
  sort_order?: SortOrder;

  @ApiPropertyOptional({
    description:
      'The `next_cursor` of the previous page: the page after it, read from its place in the ' +
      'sort order, so every page costs what the first does however deep. Send the same ' +
      'filters and sort as the request that returned it (page_size may change), and no ' +
      '`page`. A cursor edited, or sent with other filters or sort: 422 on `cursor`.',
    maxLength: CURSOR_MAX_LENGTH,
  })
  @Omittable()
  @IsString()
  @CharLength(1, CURSOR_MAX_LENGTH)
  cursor?: string;
}

/** The list the query asks for; a cursor is decoded against its filters and sort. */
export function toListCriteria(query: ListCasesQuery): CaseListCriteria {
  const criteria: CaseListCriteria = {
    page: query.page ?? 1,
    pageSize: query.page_size ?? DEFAULT_PAGE_SIZE,
    ...toCaseFilter(query),
    sortBy: query.sort_by ?? 'created_at',
    sortOrder: query.sort_order ?? 'desc',
  };
  if (query.cursor === undefined) return criteria;
  if (query.page !== undefined) {
    throw new ValidationFailedError([
      { field: 'cursor', message: 'give either page or cursor, not both' },
    ]);
  }
  return { ...criteria, after: decodeCursor(query.cursor, criteria) };
}

/** The list's parameters that choose cases, without paging and sorting. */
export const PAGING_AND_SORT_PARAMETERS = [
  'page',
  'page_size',
  'sort_by',
  'sort_order',
  'cursor',
] as const;
export type CaseFilterQuery = Omit<ListCasesQuery, (typeof PAGING_AND_SORT_PARAMETERS)[number]>;

/** Which cases the parameters choose, as a list or an export reads them. */
export function toCaseFilter(query: CaseFilterQuery): CaseFilter {
  const to = query.date_lte ? new Date(query.date_lte) : undefined;
  return {
    status: query.status,
    priority: query.priority,
    caseType: query.case_type,
    createdBy: query.created_by,
    search: query.search === '' ? undefined : query.search,
    createdFrom: query.date_gte ? new Date(query.date_gte) : undefined,
    // Inclusive: a bare date covers its whole day, down to the last millisecond.
    createdTo: to && isBareDate(query.date_lte!) ? new Date(to.getTime() + DAY_MS - 1) : to,
    queries: queryCriteria(query),
  };
}

function queryCriteria(query: CaseFilterQuery): QueryRecordCriteria | undefined {
  const criteria: QueryRecordCriteria = {
    table: query.table?.toLowerCase(),
    fingerprint: query.fingerprint,
    databaseName: query.database_name,
    statementClass: query.class,
    flag: query.flag,
    executedBy: query.executed_by,
  };
  return Object.values(criteria).some((value) => value !== undefined) ? criteria : undefined;
}
