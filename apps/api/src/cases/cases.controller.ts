import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiEnvelopeResponse, ApiErrorResponses, UuidParamPipe } from '@app/core';
import { CaseListResponse, CaseResponse } from './dto/case.response.js';
import { CreateCaseDto, toCreateCaseCommand } from './dto/create-case.dto.js';
import { ListCasesQuery, toListCriteria } from './dto/list-cases.query.js';
import { CreateCaseUseCase } from './use-cases/create-case.use-case.js';
import { GetCaseUseCase } from './use-cases/get-case.use-case.js';
import { ListCasesUseCase } from './use-cases/list-cases.use-case.js';

@ApiTags('cases')
@Controller('api/v1/cases')
export class CasesController {
  constructor(
    private readonly createCase: CreateCaseUseCase,
    private readonly listCases: ListCasesUseCase,
    private readonly getCase: GetCaseUseCase,
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
    'MALFORMED_JSON',
    'PAYLOAD_TOO_LARGE',
    'UNSUPPORTED_MEDIA_TYPE',
    'VALIDATION_ERROR',
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
  @ApiErrorResponses('VALIDATION_ERROR')
  async list(@Query() query: ListCasesQuery): Promise<CaseListResponse> {
    return CaseListResponse.from(await this.listCases.execute(toListCriteria(query)));
  }

  @Get(':id')
  @ApiOperation({ operationId: 'getCase', summary: 'One case with its query records' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiEnvelopeResponse(200, CaseResponse, 'The case with its query records, oldest first.')
  @ApiErrorResponses('CASE_NOT_FOUND', 'VALIDATION_ERROR')
  async get(@Param('id', UuidParamPipe) id: string): Promise<CaseResponse> {
    return CaseResponse.from(await this.getCase.execute(id));
  }
}
