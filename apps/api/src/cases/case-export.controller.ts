import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiExtraModels, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { PinoLogger } from 'nestjs-pino';
import { ApiErrorResponses, ClientKey, CoreErrors } from '@app/core';
import { RequiresScope, Scopes } from '../identity/scopes.js';
import { CALLER_ERRORS } from '../identity/identity.errors.js';
import { CaseExportLine } from './dto/case-export.response.js';
import { ExportCasesQuery } from './dto/export-cases.query.js';
import { toCaseFilter } from './dto/list-cases.query.js';
import { encodeBatches, EXPORT_ENCODERS } from './export/case-export.encoders.js';
import { abortWhenClosed, streamResponse } from './export/stream-response.js';
import { ExportCasesUseCase } from './use-cases/export-cases.use-case.js';

const STREAM_NOTE =
  'Streamed, not wrapped in the envelope. Errors found before the first byte (422, 401, ' +
  '403, 429, 503) are enveloped as everywhere else; an error after it cannot change the ' +
  'status, so the connection is closed without the final chunk: treat a transfer that ' +
  'does not end cleanly as incomplete.';

/**
 * GET /api/v1/cases/export. Registered before CasesController (see CasesModule), so
 * `export` is never taken for a case id by `GET /api/v1/cases/:id`.
 */
@ApiTags('cases')
@Controller('api/v1/cases')
export class CaseExportController {
  constructor(
    private readonly exportCases: ExportCasesUseCase,
    private readonly logger: PinoLogger,
  ) {}

  @Get('export')
  @RequiresScope(Scopes.CASES_READ)
  @ApiOperation({
    operationId: 'exportCases',
    summary: 'Every case the list filters choose, with all its query records, as NDJSON or CSV',
    description:
      'In (created_at, id) order, read page by page while it is written. ' +
      'Each page is read on its own, so the export is no snapshot: a case created while ' +
      'it runs may appear, and a case shows its fields as they were when its page was read; ' +
      'each case appears exactly once. One export per client at a time (429), a few in ' +
      'all (503); a short search is not held back as in the list, these limits apply instead. ' +
      STREAM_NOTE,
  })
  @ApiExtraModels(CaseExportLine)
  // The media types are the 200's own: @ApiProduces would claim them for the errors as
  // well, which are JSON envelopes.
  @ApiResponse({
    status: 200,
    description:
      'format=ndjson: one CaseExportLine per line (LF-ended). format=csv: RFC 4180 with a ' +
      'header row, CRLF-ended, one row per query record with its case’s fields (a case ' +
      'without records: one row, record columns empty); a cell starting with = + - @, tab ' +
      "or CR is prefixed with ' against spreadsheet formulas. Sent as an attachment " +
      '(cases-<timestamp>.ndjson|csv).',
    content: {
      'application/x-ndjson': {
        schema: { $ref: getSchemaPath(CaseExportLine) },
      },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  @ApiErrorResponses(...CALLER_ERRORS, CoreErrors.VALIDATION_ERROR)
  async export(
    @Query() query: ExportCasesQuery,
    @ClientKey() clientKey: string,
    @Res() res: Response,
  ): Promise<void> {
    const encoder = EXPORT_ENCODERS[query.format ?? 'ndjson'];
    const signal = abortWhenClosed(res);
    const filename = `cases-${fileTimestamp(new Date())}.${encoder.extension}`;
    await this.exportCases.execute({ filter: toCaseFilter(query), clientKey, signal }, (batches) =>
      streamResponse(
        res,
        {
          contentType: encoder.contentType,
          filename,
          head: encoder.head,
          chunks: encodeBatches(encoder, batches),
        },
        signal,
        this.logger,
      ),
    );
  }
}

/** `20251001T120000Z`: a timestamp safe in a file name on every system. */
const fileTimestamp = (at: Date): string => at.toISOString().replace(/[-:]|\.\d{3}/g, '');
