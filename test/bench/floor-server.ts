/**
 * The benchmark's framework floor, not part of the product: the same NestJS on Express
 * app shape as the service (a module, a controller, its routes) with nothing but routing,
 * Nest's default JSON body parser and the handlers of baseline-handlers.ts. No logging,
 * validation, envelope, metrics, security headers or rate limit: the ratio service / floor
 * is what the product's own additions to the request path cost, apart from the framework.
 */
import 'reflect-metadata';
import type { Response } from 'express';
import { Body, Controller, Get, Module, Param, Post, Query, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Answer, startHandlers } from './baseline-handlers.js';

const handlers = await startHandlers('bench-floor');

function reply(res: Response, answer: Answer): unknown {
  res.status(answer.status);
  return answer.body;
}

const params = (query: Record<string, string>) => new URLSearchParams(query);

// No constructor injection: tsx does not emit decorator metadata, and the handlers are
// one module-level object anyway.
@Controller('api/v1')
class FloorController {
  @Post('cases')
  async create(@Body() body: Record<string, unknown>, @Res({ passthrough: true }) res: Response) {
    return reply(res, await handlers.createCase(body));
  }

  @Get('cases')
  async list(@Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    return reply(res, await handlers.listCases(params(query)));
  }

  @Get('cases/:id')
  async one(@Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    return reply(res, await handlers.caseById(id));
  }

  @Get('stats')
  async stats(@Query() query: Record<string, string>, @Res({ passthrough: true }) res: Response) {
    return reply(res, await handlers.stats(params(query)));
  }

  @Get('fingerprints/:fingerprint')
  async fingerprint(
    @Param('fingerprint') fingerprint: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    return reply(res, await handlers.fingerprint(fingerprint));
  }
}

@Module({ controllers: [FloorController] })
class FloorModule {}

const app = await NestFactory.create(FloorModule, { logger: false });
await app.listen(Number(process.env.PORT ?? 3002), '127.0.0.1');
process.stdout.write('listening\n');
process.on('SIGTERM', () => {
  void app
    .close()
    .then(() => handlers.close())
    .then(() => process.exit(0));
});
