import type { INestApplication } from '@nestjs/common';
import express, { NextFunction, Request, Response } from 'express';
import { rateLimit } from 'express-rate-limit';
import helmet from 'helmet';
import type { Logger } from 'pino';
import { AppError, CoreErrors } from '../errors.js';
import { clientKeyOf } from './client-key.js';
import { requestLogging, routeTemplate } from '../logging.js';
import { API_ROUTES } from './envelope-adapter.js';
import { AllowedMethods, sendError } from './error-response.js';
import { Metrics } from '../metrics/metrics.js';
import { AllExceptionsFilter } from './exception.filter.js';
import { Caller, requestContextOf } from './request-context.js';
import { AppValidationPipe } from './validation.js';

export interface HttpSettings {
  corsOrigins: readonly string[];
  bodyLimitBytes: number;
  trustProxyHops: number;
  rateLimitPerMinute: number;
}

/**
 * Names the caller of a request from its credentials, or throws the AppError to answer it
 * with. Null: the request goes on without a caller (authentication is off).
 */
export type Authenticate = (req: Request) => Promise<Caller | null>;

export interface HttpHooks {
  /** Runs on every API route (`/api/...`); health, metrics and the docs stay open. */
  authenticate?: Authenticate;
}

// Probes and scrapes must keep working when a client is throttled.
const RATE_LIMIT_EXEMPT = /^\/(health|metrics)(\/|$)/;

const JSON_TYPES = ['application/json', 'application/*+json'];
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Everything between the socket and the controllers, in order: the request logger
 * (which also settles the correlation id, so every later response carries it), security
 * headers, CORS, authentication, the rate limit, the JSON body parser with its limit, and
 * the global pipe and exception filter (the success envelope is written by
 * EnvelopeExpressAdapter, see create-app). Used by `main.ts` and by the end-to-end tests.
 */
export function configureHttp(
  app: INestApplication,
  settings: HttpSettings,
  logger: Logger,
  hooks: HttpHooks = {},
): void {
  const instance = app.getHttpAdapter().getInstance() as express.Express;
  instance.disable('x-powered-by');
  // API bodies change with every write and clients do not revalidate them; hashing each
  // body for an ETag cost CPU on every response.
  instance.set('etag', false);
  // The rate limit keys on req.ip: behind N proxies, believe N hops of X-Forwarded-For.
  instance.set('trust proxy', settings.trustProxyHops);

  app.use(requestLogging(logger));
  app.use(recordHttpMetrics(app.get(Metrics)));
  // Not upgrade-insecure-requests: on a plain-HTTP deployment it would make browsers
  // fetch Swagger UI's scripts over HTTPS and break /docs.
  app.use(helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } }));
  app.enableCors({
    origin: settings.corsOrigins.length > 0 ? [...settings.corsOrigins] : false,
    exposedHeaders: [
      'X-Correlation-ID',
      'Location',
      'Retry-After',
      'WWW-Authenticate',
      'Idempotent-Replayed',
    ],
  });
  // Authentication settles the caller before the rate limit counts the request, so a
  // caller is limited as one client wherever they connect from; a refused token is
  // answered only after the limit has counted it against the IP, so guessing tokens is
  // throttled like anything else.
  const refused = new WeakMap<Request, unknown>();
  const { authenticate } = hooks;
  if (authenticate) {
    app.use((req: Request, _res: Response, next: NextFunction) => {
      if (!API_ROUTES.test(req.path)) return next();
      authenticate(req).then(
        (caller) => {
          requestContextOf(req).caller = caller;
          next();
        },
        (error: unknown) => {
          refused.set(req, error);
          next();
        },
      );
    });
  }
  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: settings.rateLimitPerMinute,
      standardHeaders: 'draft-6',
      legacyHeaders: false,
      keyGenerator: (req) => clientKeyOf(req),
      skip: (req) => RATE_LIMIT_EXEMPT.test(req.path),
      handler: (req, res, next) => {
        const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit
          ?.resetTime;
        const seconds = resetTime ? Math.ceil((resetTime.getTime() - Date.now()) / 1000) : 60;
        res.setHeader('Retry-After', String(Math.max(1, seconds)));
        next(new AppError(CoreErrors.RATE_LIMITED, 'too many requests; retry later'));
      },
    }),
  );
  app.use((req: Request, _res: Response, next: NextFunction) => next(refused.get(req)));
  const allowedMethods = allowedMethodsOn(instance);
  app.use(requireJsonContentType(allowedMethods));
  app.use(express.json({ limit: settings.bodyLimitBytes, strict: false, type: JSON_TYPES }));
  // Body-parser failures happen before Nest routes the request; answer them here.
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) =>
    sendError(req, res, error, logger, allowedMethods),
  );

  app.useGlobalPipes(new AppValidationPipe());
  app.useGlobalFilters(new AllExceptionsFilter(logger, allowedMethods));
}

/**
 * A body must be JSON, on the routes that take one: a method the path does not serve is
 * left to routing, which answers 405 (or 404), whatever the body.
 */
function requireJsonContentType(allowedMethods: AllowedMethods) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (
      METHODS_WITH_BODY.has(req.method) &&
      !isJsonMediaType(req.headers['content-type']) &&
      allowedMethods(req.path).includes(req.method)
    ) {
      next(
        new AppError(CoreErrors.UNSUPPORTED_MEDIA_TYPE, 'request body must be application/json'),
      );
      return;
    }
    next();
  };
}

/** `application/json` or `application/<anything>+json`, any parameters (charset) allowed. */
export function isJsonMediaType(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  return (
    mediaType === 'application/json' || /^application\/[a-z0-9.!#$&^_-]+\+json$/.test(mediaType)
  );
}

/** Counts and times every response under its route template, never its raw URL. */
function recordHttpMetrics(metrics: Metrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const start = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      metrics.observeRequest(req.method, routeTemplate(req), res.statusCode, seconds);
    });
    next();
  };
}

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
  match(path: string): unknown;
}

/** Which methods Express would serve on a path: what a 405 names in its `Allow` header. */
function allowedMethodsOn(instance: express.Express): AllowedMethods {
  return (path) => {
    const { stack } = (instance as unknown as { router: { stack: RouterLayer[] } }).router;
    const methods = new Set<string>();
    for (const layer of stack) {
      // Wildcard routes are middleware Nest mounts for every method, not endpoints.
      if (!layer.route || layer.route.path.includes('*') || !layer.match(path)) continue;
      for (const [method, served] of Object.entries(layer.route.methods)) {
        if (served && method !== '_all') methods.add(method.toUpperCase());
      }
    }
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}
