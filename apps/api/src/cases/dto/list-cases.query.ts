import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString } from 'class-validator';
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
  @IsOptional()
  @IsIn(CASE_STATUSES)
  status?: CaseStatus;

  @ApiPropertyOptional({ enum: PRIORITIES, enumName: 'Priority' })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ enum: CASE_TYPES, enumName: 'CaseType' })
  @IsOptional()
  @IsIn(CASE_TYPES)
  case_type?: CaseType;

  @ApiPropertyOptional({ description: 'Exact email, any letter case.', example: 'ana@example.com' })
  @IsOptional()
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
  @IsOptional()
  @IsString()
  @CharLength(0, 200)
  search?: string;

  @ApiPropertyOptional({
    description:
      'created_at ≥ this (ISO 8601 date or date-time with zone). A bare date is midnight UTC.',
    example: '2025-10-01',
    pattern: ISO_DATE_OR_DATE_TIME_PATTERN,
  })
  @IsOptional()
  @IsIsoDateOrDateTime()
  date_gte?: string;

  @ApiPropertyOptional({
    description:
      'created_at ≤ this (ISO 8601 date or date-time with zone). A bare date includes that whole day (UTC).',
    example: '2025-10-31',
    pattern: ISO_DATE_OR_DATE_TIME_PATTERN,
  })
  @IsOptional()
  @IsIsoDateOrDateTime()
  date_lte?: string;

  @ApiPropertyOptional({ enum: CASE_SORT_FIELDS, enumName: 'CaseSortField', default: 'created_at' })
  @IsOptional()
  @IsIn(CASE_SORT_FIELDS)
  sort_by?: CaseSortField;

  @ApiPropertyOptional({ enum: SORT_ORDERS, enumName: 'SortOrder', default: 'desc' })
  @IsOptional()
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
