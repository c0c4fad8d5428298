import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiEnvelopeResponse, ApiErrorResponses, CoreErrors } from '@app/core';
import { CALLER_ERRORS } from '../identity/identity.errors.js';
import { RequiresScope, Scopes } from '../identity/scopes.js';
import { StatsQuery, toStatsPeriod } from './dto/stats.query.js';
import { StatsResponse } from './dto/stats.response.js';
import { GetStatsUseCase } from './use-cases/get-stats.use-case.js';

@ApiTags('query analysis')
@Controller('api/v1/stats')
export class StatsController {
  constructor(private readonly getStats: GetStatsUseCase) {}

  @Get()
  @RequiresScope(Scopes.CASES_READ)
  @ApiOperation({
    operationId: 'getStats',
    summary: 'The tracker at a glance',
    description:
      'Cases by status, priority and type and per day; time to resolve p50/p95; the top 10 ' +
      'tables and fingerprints; flagged queries by flag and database. Case figures count the ' +
      'cases created in the period, query figures the records executed in it (UTC days).',
  })
  @ApiEnvelopeResponse(200, StatsResponse, 'The figures of the period.')
  @ApiErrorResponses(...CALLER_ERRORS, CoreErrors.VALIDATION_ERROR)
  async stats(@Query() query: StatsQuery): Promise<StatsResponse> {
    return StatsResponse.from(await this.getStats.execute(toStatsPeriod(query)));
  }
}
