import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsString, Matches } from 'class-validator';
import { SORT_ORDERS } from '../../cases/domain/case-list.js';
import type { SortOrder } from '../../cases/domain/case-list.js';
import { Omittable, PageNumber, PageSize } from '../../cases/dto/validators.js';
import { FINGERPRINT_PATTERN, FINGERPRINT_SORT_FIELDS } from '../domain/fingerprint-stats.js';
import type { FingerprintListCriteria, FingerprintSortField } from '../domain/fingerprint-stats.js';

const DEFAULT_PAGE_SIZE = 20;

export class FingerprintParams {
  @ApiProperty({ example: 'a0ead580058af585', pattern: FINGERPRINT_PATTERN })
  @IsString()
  @Matches(new RegExp(FINGERPRINT_PATTERN), {
    message: 'fingerprint must be 16 hex digits (0-9, a-f)',
  })
  fingerprint!: string;
}

export class ListFingerprintsQuery {
  @PageNumber()
  page?: number;

  @PageSize(100, DEFAULT_PAGE_SIZE)
  page_size?: number;

  @ApiPropertyOptional({
    enum: FINGERPRINT_SORT_FIELDS,
    enumName: 'FingerprintSortField',
    description:
      'Left out: occurrences. total_time is the sum of execution_time_ms; fingerprints without ' +
      'a timed record come last by p95.',
  })
  @Omittable()
  @IsIn(FINGERPRINT_SORT_FIELDS)
  sort_by?: FingerprintSortField;

  @ApiPropertyOptional({
    enum: SORT_ORDERS,
    enumName: 'SortOrder',
    description: 'Left out: desc (the top list); asc is its exact reverse.',
  })
  @Omittable()
  @IsIn(SORT_ORDERS)
  sort_order?: SortOrder;
}

export function toFingerprintCriteria(query: ListFingerprintsQuery): FingerprintListCriteria {
  return {
    page: query.page ?? 1,
    pageSize: query.page_size ?? DEFAULT_PAGE_SIZE,
    sortBy: query.sort_by ?? 'occurrences',
    sortOrder: query.sort_order ?? 'desc',
  };
}
