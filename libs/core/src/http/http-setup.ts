import type { INestApplication } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import express, { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { AppError } from '../errors.js';
import { httpLoggerOptions } from '../logging.js';
import { EnvelopeInterceptor } from './envelope.interceptor.js';
import { sendError } from './error-response.js';
import { AllExceptionsFilter } from './exception.filter.js';
import { AppValidationPipe } from './validation.js';

export interface HttpSettings {
  corsOrigins: readonly string[];
  bodyLimitBytes: number;
}

const JSON_TYPES = ['application/json', 'application/*+json'];
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Everything between the socket and the controllers, in order: the request logger
 * (which also settles the correlation id, so every later response carries it), security
 * headers, CORS, the JSON body parser with its limit, and the global pipe, filter and
 * interceptor. Used by `main.ts` and by the end-to-end tests alike.
 */
export function configureHttp(app: INestApplication, settings: HttpSettings, logger: Logger): void {
  const instance = app.getHttpAdapter().getInstance() as express.Express;
  instance.disable('x-powered-by');

  app.use(pinoHttp(httpLoggerOptions(logger)));
  // Not upgrade-insecure-requests: on a plain-HTTP deployment it would make browsers
  // fetch Swagger UI's scripts over HTTPS and break /docs.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.enableCors({
    origin: settings.corsOrigins.length > 0 ? [...settings.corsOrigins] : false,
    exposedHeaders: ['X-Correlation-ID', 'Location', 'Retry-After'],
  });
  app.use(requireJsonContentType);
  app.use(express.json({ limit: settings.bodyLimitBytes, strict: false, type: JSON_TYPES }));
  // Body-parser failures happen before Nest routes the request; answer them here.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) =>
    sendError(req, res, error, logger),
  );

  app.useGlobalPipes(new AppValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(logger));
  app.useGlobalInterceptors(new EnvelopeInterceptor(app.get(Reflector)));
}

function requireJsonContentType(req: Request, _res: Response, next: NextFunction): void {
  if (METHODS_WITH_BODY.has(req.method) && !isJsonMediaType(req.headers['content-type'])) {
    next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'request body must be application/json'));
    return;
  }
  next();
}

/** `application/json` or `application/<anything>+json`, any parameters (charset) allowed. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  return (
    mediaType === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(mediaType)
  );
}
