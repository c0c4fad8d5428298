import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { AllowedMethods } from './error-response.js';
import { sendError } from './error-response.js';

/** The one place where thrown errors become HTTP responses. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(
    private readonly logger: Logger,
    private readonly allowedMethods?: AllowedMethods,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    sendError(
      http.getRequest<Request>(),
      http.getResponse<Response>(),
      exception,
      this.logger,
      this.allowedMethods,
    );
  }
}
