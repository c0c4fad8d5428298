import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApiEnvelopeResponse,
  ApiErrorResponses,
  ClientKey,
  CoreErrors,
  Ctx,
  RequestContext,
  UuidParamPipe,
} from '@app/core';
import type { IdempotentRequest } from '../idempotency/domain/idempotent-request.js';
import { IdempotencyKey } from '../idempotency/idempotency-key.decorator.js';
import { IdempotencyErrors } from '../idempotency/idempotency.errors.js';
import { answer, IdempotentWrites } from '../idempotency/idempotent-writes.js';
import { actingAs } from '../identity/acting-as.js';
import { CALLER_ERRORS, IdentityErrors } from '../identity/identity.errors.js';
import { RequiresScope, Scopes } from '../identity/scopes.js';
import { CaseErrors } from './domain/case.errors.js';
import { CASE_DETAIL_QUERIES } from './domain/case.js';
import { AppendQueriesDto } from './dto/append-queries.dto.js';
import {
  CaseHistoryResponse,
  CaseListResponse,
  CaseResponse,
  QueryRecordListResponse,
  QueryRecordPageResponse,
} from './dto/case.response.js';
import { ChangeStatusDto } from './dto/change-status.dto.js';
import { CreateCaseDto, toNewCaseInput } from './dto/create-case.dto.js';
import { ListCaseQueriesQuery, toQueryPageRequest } from './dto/list-case-queries.query.js';
import { ListCasesQuery, toListCriteria } from './dto/list-cases.query.js';
import { toNewQueryInput } from './dto/query-record.input.js';
import { AppendQueriesUseCase } from './use-cases/append-queries.use-case.js';
import { ChangeStatusUseCase } from './use-cases/change-status.use-case.js';
import { CreateCaseUseCase } from './use-cases/create-case.use-case.js';
import { GetCaseUseCase } from './use-cases/get-case.use-case.js';
import { GetHistoryUseCase } from './use-cases/get-history.use-case.js';
import { ListCaseQueriesUseCase } from './use-cases/list-case-queries.use-case.js';
import { ListCasesUseCase } from './use-cases/list-cases.use-case.js';

// Every POST honours Idempotency-Key.
const RETRY_ERRORS = [
  IdempotencyErrors.IDEMPOTENCY_KEY_IN_USE,
  IdempotencyErrors.IDEMPOTENCY_KEY_REUSED,
];
// Every POST takes a JSON body.
const BODY_ERRORS = [
  CoreErrors.MALFORMED_JSON,
  CoreErrors.PAYLOAD_TOO_LARGE,
  CoreErrors.UNSUPPORTED_MEDIA_TYPE,
  CoreErrors.VALIDATION_ERROR,
];

@ApiTags('cases')
@Controller('api/v1/cases')
export class CasesController {
  constructor(
    private readonly createCase: CreateCaseUseCase,
    private readonly listCases: ListCasesUseCase,
    private readonly getCase: GetCaseUseCase,
    private readonly appendQueries: AppendQueriesUseCase,
    private readonly changeStatus: ChangeStatusUseCase,
    private readonly getHistory: GetHistoryUseCase,
    private readonly listCaseQueries: ListCaseQueriesUseCase,
    private readonly writes: IdempotentWrites,
  ) {}

  @Post()
  @HttpCode(201)
  @RequiresScope(Scopes.CASES_WRITE)
  @ApiOperation({
    operationId: 'createCase',
    summary: 'Open a case with 0–100 query records, atomically',
  })
  @ApiEnvelopeResponse(
    201,
    CaseResponse,
    'The new case with its query records; Location points at it.',
  )
  @ApiErrorResponses(
    ...CALLER_ERRORS,
    IdentityErrors.ACTOR_MISMATCH,
    ...RETRY_ERRORS,
    ...BODY_ERRORS,
  )
  async create(
    @Body() body: CreateCaseDto,
    @Ctx() context: RequestContext,
    @IdempotencyKey() key: IdempotentRequest | null,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseResponse> {
    const command = {
      ...toNewCaseInput(body),
      createdBy: actingAs(context.caller, body.created_by, 'created_by'),
    };
    const outcome = await this.writes.run(
      key,
      (tx) => this.createCase.execute(command, tx),
      (created) => ({
        status: 201,
        body: CaseResponse.from(created),
        location: `/api/v1/cases/${created.id}`,
      }),
    );
    return answer(res, outcome);
  }

  @Get()
  @RequiresScope(Scopes.CASES_READ)
  @ApiOperation({
    operationId: 'listCases',
    summary: 'List cases with filters, search, sort and pagination',
  })
  @ApiEnvelopeResponse(200, CaseListResponse, 'One page of cases, without their query records.')
  @ApiErrorResponses(...CALLER_ERRORS, CoreErrors.VALIDATION_ERROR)
  async list(
    @Query() query: ListCasesQuery,
    @ClientKey() client: string,
  ): Promise<CaseListResponse> {
    return CaseListResponse.from(await this.listCases.execute(toListCriteria(query), client));
  }

  @Get(':id')
  @RequiresScope(Scopes.CASES_READ)
  @ApiOperation({
    operationId: 'getCase',
    summary: `One case with its first ${CASE_DETAIL_QUERIES} query records and their total`,
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiEnvelopeResponse(
    200,
    CaseResponse,
    `The case with its first ${CASE_DETAIL_QUERIES} query records, oldest first, and queries_total.`,
  )
  @ApiErrorResponses(...CALLER_ERRORS, CaseErrors.CASE_NOT_FOUND, CoreErrors.VALIDATION_ERROR)
  async get(@Param('id', UuidParamPipe) id: string): Promise<CaseResponse> {
    return CaseResponse.from(await this.getCase.execute(id));
  }

  @Get(':id/queries')
  @RequiresScope(Scopes.CASES_READ)
  @ApiOperation({
    operationId: 'listCaseQueries',
    summary: "One page of a case's query records, oldest first",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiEnvelopeResponse(200, QueryRecordPageResponse, "One page of the case's query records.")
  @ApiErrorResponses(...CALLER_ERRORS, CaseErrors.CASE_NOT_FOUND, CoreErrors.VALIDATION_ERROR)
  async queries(
    @Param('id', UuidParamPipe) id: string,
    @Query() query: ListCaseQueriesQuery,
  ): Promise<QueryRecordPageResponse> {
    return QueryRecordPageResponse.from(
      await this.listCaseQueries.execute(id, toQueryPageRequest(query)),
    );
  }

  @Post(':id/queries')
  @HttpCode(201)
  @RequiresScope(Scopes.CASES_WRITE)
  @ApiOperation({
    operationId: 'appendQueries',
    summary: 'Append 1–100 query records to a case, atomically',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiEnvelopeResponse(201, QueryRecordListResponse, 'The new query records.')
  @ApiErrorResponses(...CALLER_ERRORS, CaseErrors.CASE_NOT_FOUND, ...RETRY_ERRORS, ...BODY_ERRORS)
  async append(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: AppendQueriesDto,
    @Ctx() context: RequestContext,
    @IdempotencyKey() key: IdempotentRequest | null,
    @Res({ passthrough: true }) res: Response,
  ): Promise<QueryRecordListResponse> {
    const command = {
      caseId: id,
      queries: body.queries.map(toNewQueryInput),
      actor: context.caller?.email ?? null,
    };
    const outcome = await this.writes.run(
      key,
      (tx) => this.appendQueries.execute(command, tx),
      (records) => ({ status: 201, body: QueryRecordListResponse.from(records), location: null }),
    );
    return answer(res, outcome);
  }

  @Post(':id/status')
  @HttpCode(201)
  @RequiresScope(Scopes.CASES_WRITE)
  @ApiOperation({
    operationId: 'changeCaseStatus',
    summary: 'Move a case along its status lifecycle',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiEnvelopeResponse(201, CaseResponse, 'The case after the change, as GET /cases/{id} shows it.')
  @ApiErrorResponses(
    ...CALLER_ERRORS,
    IdentityErrors.ACTOR_MISMATCH,
    CaseErrors.CASE_NOT_FOUND,
    CaseErrors.INVALID_STATUS_TRANSITION,
    ...RETRY_ERRORS,
    ...BODY_ERRORS,
  )
  async status(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ChangeStatusDto,
    @Ctx() context: RequestContext,
    @IdempotencyKey() key: IdempotentRequest | null,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseResponse> {
    const command = {
      caseId: id,
      to: body.status,
      changedBy: actingAs(context.caller, body.changed_by, 'changed_by'),
      note: body.note ?? null,
    };
    const outcome = await this.writes.run(
      key,
      (tx) => this.changeStatus.execute(command, tx),
      (updated) => ({ status: 201, body: CaseResponse.from(updated), location: null }),
    );
    return answer(res, outcome);
  }

  @Get(':id/history')
  @RequiresScope(Scopes.CASES_READ)
  @ApiOperation({
    operationId: 'getCaseHistory',
    summary: "The case's events, oldest first, with their hash chain",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiEnvelopeResponse(200, CaseHistoryResponse, 'Every event of the case, oldest first.')
  @ApiErrorResponses(...CALLER_ERRORS, CaseErrors.CASE_NOT_FOUND, CoreErrors.VALIDATION_ERROR)
  async history(@Param('id', UuidParamPipe) id: string): Promise<CaseHistoryResponse> {
    return CaseHistoryResponse.from(await this.getHistory.execute(id));
  }
}
