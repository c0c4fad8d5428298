import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  ApiEnvelopeResponse,
  ApiErrorResponses,
  ClientKey,
  CoreErrors,
  UuidParamPipe,
} from '@app/core';
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
import { CreateCaseDto, toCreateCaseCommand } from './dto/create-case.dto.js';
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
  ) {}

  @Post()
  @HttpCode(201)
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
    CoreErrors.MALFORMED_JSON,
    CoreErrors.PAYLOAD_TOO_LARGE,
    CoreErrors.UNSUPPORTED_MEDIA_TYPE,
    CoreErrors.VALIDATION_ERROR,
  )
  async create(
    @Body() body: CreateCaseDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CaseResponse> {
    const created = await this.createCase.execute(toCreateCaseCommand(body));
    res.location(`/api/v1/cases/${created.id}`);
    return CaseResponse.from(created);
  }

  @Get()
  @ApiOperation({
    operationId: 'listCases',
    summary: 'List cases with filters, search, sort and pagination',
  })
  @ApiEnvelopeResponse(200, CaseListResponse, 'One page of cases, without their query records.')
  @ApiErrorResponses(CoreErrors.VALIDATION_ERROR, CoreErrors.RATE_LIMITED)
  async list(
    @Query() query: ListCasesQuery,
    @ClientKey() client: string,
  ): Promise<CaseListResponse> {
    return CaseListResponse.from(await this.listCases.execute(toListCriteria(query), client));
  }

  @Get(':id')
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
  @ApiErrorResponses(CaseErrors.CASE_NOT_FOUND, CoreErrors.VALIDATION_ERROR)
  async get(@Param('id', UuidParamPipe) id: string): Promise<CaseResponse> {
    return CaseResponse.from(await this.getCase.execute(id));
  }

  @Get(':id/queries')
  @ApiOperation({
    operationId: 'listCaseQueries',
    summary: "One page of a case's query records, oldest first",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiEnvelopeResponse(200, QueryRecordPageResponse, "One page of the case's query records.")
  @ApiErrorResponses(CaseErrors.CASE_NOT_FOUND, CoreErrors.VALIDATION_ERROR)
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
  @ApiOperation({
    operationId: 'appendQueries',
    summary: 'Append 1–100 query records to a case, atomically',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiEnvelopeResponse(201, QueryRecordListResponse, 'The new query records.')
  @ApiErrorResponses(
    CaseErrors.CASE_NOT_FOUND,
    CoreErrors.MALFORMED_JSON,
    CoreErrors.PAYLOAD_TOO_LARGE,
    CoreErrors.UNSUPPORTED_MEDIA_TYPE,
    CoreErrors.VALIDATION_ERROR,
  )
  async append(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: AppendQueriesDto,
  ): Promise<QueryRecordListResponse> {
    const records = await this.appendQueries.execute(id, body.queries.map(toNewQueryInput));
    return QueryRecordListResponse.from(records);
  }

  @Post(':id/status')
  @HttpCode(201)
  @ApiOperation({
    operationId: 'changeCaseStatus',
    summary: 'Move a case along its status lifecycle',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiEnvelopeResponse(201, CaseResponse, 'The case after the change, as GET /cases/{id} shows it.')
  @ApiErrorResponses(
    CaseErrors.CASE_NOT_FOUND,
    CaseErrors.INVALID_STATUS_TRANSITION,
    CoreErrors.MALFORMED_JSON,
    CoreErrors.PAYLOAD_TOO_LARGE,
    CoreErrors.UNSUPPORTED_MEDIA_TYPE,
    CoreErrors.VALIDATION_ERROR,
  )
  async status(
    @Param('id', UuidParamPipe) id: string,
    @Body() body: ChangeStatusDto,
  ): Promise<CaseResponse> {
    const updated = await this.changeStatus.execute({
      caseId: id,
      to: body.status,
      changedBy: body.changed_by,
      note: body.note ?? null,
    });
    return CaseResponse.from(updated);
  }

  @Get(':id/history')
  @ApiOperation({
    operationId: 'getCaseHistory',
    summary: "The case's events, oldest first, with their hash chain",
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiEnvelopeResponse(200, CaseHistoryResponse, 'Every event of the case, oldest first.')
  @ApiErrorResponses(CaseErrors.CASE_NOT_FOUND, CoreErrors.VALIDATION_ERROR)
  async history(@Param('id', UuidParamPipe) id: string): Promise<CaseHistoryResponse> {
    return CaseHistoryResponse.from(await this.getHistory.execute(id));
  }
}
