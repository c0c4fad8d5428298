import { ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { EXPORT_FORMATS } from '../domain/case-export.js';
import type { ExportFormat } from '../domain/case-export.js';
import { ListCasesQuery, PAGING_AND_SORT_PARAMETERS } from './list-cases.query.js';
import { Omittable } from './validators.js';

/**
 * The list's filters, validated as the list validates them, and the format. An export
 * has one order, (created_at, id), and no pages: `page`, `page_size`, `sort_by` and
 * `sort_order` are unknown parameters here (422), not silently ignored.
 */
export class ExportCasesQuery extends OmitType(ListCasesQuery, PAGING_AND_SORT_PARAMETERS) {
  @ApiPropertyOptional({
    enum: EXPORT_FORMATS,
    enumName: 'ExportFormat',
    description:
      'ndjson (left out): one case per line with all its query records; csv: one row per query record.',
  })
  @Omittable()
  @IsIn(EXPORT_FORMATS)
  format?: ExportFormat;
}
