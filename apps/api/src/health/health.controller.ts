import { Controller, Get, HttpStatus, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { DatabaseHealthIndicator } from './database.health.js';

// terminus documents probes only when it can require() @nestjs/swagger, which it can in
// the built service but not under jest: document them here so both serve one document.
const PROBE = { noCache: true, swaggerDocumentation: false };
const PROBE_BODY = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ok', 'error', 'shutting_down'] },
    info: { type: 'object', additionalProperties: true },
    error: { type: 'object', additionalProperties: true },
    details: { type: 'object', additionalProperties: true },
  },
};

/** Probes keep terminus' own body format; they are not part of the `/api/v1` contract. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
  ) {}

  @Get('live')
  @HealthCheck(PROBE)
  @ApiOperation({ operationId: 'liveness', summary: 'The process is up' })
  @ApiResponse({ status: 200, description: 'Alive', schema: PROBE_BODY })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck(PROBE)
  @ApiOperation({
    operationId: 'readiness',
    summary: 'Database answers within 1 s and migrations are applied',
  })
  @ApiResponse({ status: 200, description: 'Ready', schema: PROBE_BODY })
  @ApiResponse({ status: 503, description: 'Not ready', schema: PROBE_BODY })
  ready(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return this.readiness(res);
  }

  @Get()
  @HealthCheck(PROBE)
  @ApiOperation({ operationId: 'health', summary: 'Same as /health/ready' })
  @ApiResponse({ status: 200, description: 'Ready', schema: PROBE_BODY })
  @ApiResponse({ status: 503, description: 'Not ready', schema: PROBE_BODY })
  overall(@Res({ passthrough: true }) res: Response): Promise<HealthCheckResult> {
    return this.readiness(res);
  }

  private async readiness(res: Response): Promise<HealthCheckResult> {
    try {
      return await this.health.check([() => this.database.check('database')]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      res.status(HttpStatus.SERVICE_UNAVAILABLE).setHeader('Retry-After', '5');
      return error.getResponse() as HealthCheckResult;
    }
  }
}
