import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString } from 'class-validator';
import { CASE_STATUSES } from '../domain/case-status.js';
import type { CaseStatus } from '../domain/case-status.js';
import { CASE_TYPES, PRIORITIES } from '../domain/case.js';
import type { CaseType, Priority } from '../domain/case.js';
import { CASE_SORT_FIELDS, SORT_ORDERS } from '../domain/case-list.js';
import type { CaseListCriteria, CaseSortField, SortOrder } from '../domain/case-list.js';
import {
  CharLength,
  isBareDate,
  IsIsoDateOrDateTime,
  ISO_DATE_OR_DATE_TIME_PATTERN,
  NormalizeEmail,
  Omittable,
  PageNumber,
  PageSize,
} from './validators.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_PAGE_SIZE = 10;

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

  @ApiPropertyOptional({
    description: 'Exact email, any letter case.',
    example: 'ana@example.com',
    format: 'email',
    minLength: 1,
    maxLength: 255,
  })
  @Omittable()
  @NormalizeEmail()
  @IsEmail()
  @CharLength(1, 255)
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
}

export function toListCriteria(query: ListCasesQuery): CaseListCriteria {
  const to = query.date_lte ? new Date(query.date_lte) : undefined;
  return {
    page: query.page ?? 1,
    pageSize: query.page_size ?? DEFAULT_PAGE_SIZE,
    status: query.status,
    priority: query.priority,
    caseType: query.case_type,
    createdBy: query.created_by,
    search: query.search === '' ? undefined : query.search,
    createdFrom: query.date_gte ? new Date(query.date_gte) : undefined,
    // Inclusive: a bare date covers its whole day, down to the last millisecond.
    createdTo: to && isBareDate(query.date_lte!) ? new Date(to.getTime() + DAY_MS - 1) : to,
    sortBy: query.sort_by ?? 'created_at',
    sortOrder: query.sort_order ?? 'desc',
  };
}
