import { ApiProperty } from '@nestjs/swagger';
import type { ExportedCase } from '../domain/case-export.js';
import { CaseFields, caseFields, QueryRecordResponse } from './case.response.js';

/**
 * One line of the NDJSON export: the case as the detail answers it, but with every one of
 * its query records. Not wrapped in the envelope.
 */
export class CaseExportLine extends CaseFields {
  @ApiProperty({
    type: 'integer',
    minimum: 0,
    description: 'How many query records the case had when it was exported: all are in queries.',
  })
  queries_total!: number;

  @ApiProperty({
    type: () => [QueryRecordResponse],
    description: 'Every query record of the case, oldest first, each with its newest analysis.',
  })
  queries!: QueryRecordResponse[];

  /** The line without its records; `queries` comes last, so the records can follow it. */
  static opening(c: ExportedCase): CaseExportLine {
    return { ...caseFields(c), queries_total: c.queriesTotal, queries: [] };
  }
}
