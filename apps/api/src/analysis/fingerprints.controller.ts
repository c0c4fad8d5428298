import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiEnvelopeResponse, ApiErrorResponses, CoreErrors } from '@app/core';
import { CALLER_ERRORS } from '../identity/identity.errors.js';
import { RequiresScope, Scopes } from '../identity/scopes.js';
import { AnalysisErrors } from './analysis.errors.js';
import { FingerprintListResponse, FingerprintResponse } from './dto/fingerprint.response.js';
import {
  FingerprintParams,
  ListFingerprintsQuery,
  toFingerprintCriteria,
} from './dto/list-fingerprints.query.js';
import { GetFingerprintUseCase } from './use-cases/get-fingerprint.use-case.js';
import { ListFingerprintsUseCase } from './use-cases/list-fingerprints.use-case.js';

@ApiTags('query analysis')
@Controller('api/v1/fingerprints')
export class FingerprintsController {
  constructor(
    private readonly getFingerprint: GetFingerprintUseCase,
    private readonly listFingerprints: ListFingerprintsUseCase,
  ) {}

  @Get()
  @RequiresScope(Scopes.CASES_READ)
  @ApiOperation({
    operationId: 'listFingerprints',
    summary: 'The top query shapes, by occurrences, total time or p95',
    description:
      'One row per pg_query fingerprint of the current analyzer, with the figures of ' +
      'GET /api/v1/fingerprints/{fingerprint}; kept up to date with every write.',
  })
  @ApiEnvelopeResponse(200, FingerprintListResponse, 'One page of the top list.')
  @ApiErrorResponses(...CALLER_ERRORS, CoreErrors.VALIDATION_ERROR)
  async list(@Query() query: ListFingerprintsQuery): Promise<FingerprintListResponse> {
    return FingerprintListResponse.from(
      await this.listFingerprints.execute(toFingerprintCriteria(query)),
    );
  }

  @Get(':fingerprint')
  @RequiresScope(Scopes.CASES_READ)
  @ApiOperation({
    operationId: 'getFingerprint',
    summary: 'Everything recorded under one query shape',
    description:
      'Normalized text, statement types, classes and tables; occurrences and distinct cases; ' +
      'execution time p50/p95/max and total; rows affected; first and last executed_at.',
  })
  @ApiEnvelopeResponse(200, FingerprintResponse, 'The fingerprint and its figures.')
  @ApiErrorResponses(
    ...CALLER_ERRORS,
    AnalysisErrors.FINGERPRINT_NOT_FOUND,
    CoreErrors.VALIDATION_ERROR,
  )
  async get(@Param() params: FingerprintParams): Promise<FingerprintResponse> {
    return FingerprintResponse.from(await this.getFingerprint.execute(params.fingerprint));
  }
}
