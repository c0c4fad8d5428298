import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { DestinationStream, Logger } from 'pino';
import type { Options as HttpLoggerOptions } from 'pino-http';
import pretty from 'pino-pretty';
import { requestContextOf } from './http/request-context.js';

export interface LoggerSettings {
  serviceName: string;
  version: string;
  level: string;
  pretty: boolean;
}

export const CORRELATION_HEADER = 'x-correlation-id';
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The client's correlation id when it is safe to echo and log, else a new UUID. */
export function correlationIdFor(header: string | string[] | undefined): string {
  return typeof header === 'string' && CORRELATION_ID.test(header) ? header : randomUUID();
}

/**
 * The process's root logger: one JSON object per line in the shape Elastic expects
 * (`@timestamp`, `level`, `artifact`, `version`, `message`), or human-readable output
 * when `pretty` is set.
 */
export function createLogger(settings: LoggerSettings, destination?: DestinationStream): Logger {
  const stream =
    destination ??
    (settings.pretty
      ? pretty({ colorize: true, messageKey: 'message' })
      : // Asynchronous: lines written while a write is in flight are coalesced into the
        // next one, instead of a blocking write per line. Flushed on shutdown (main.ts);
        // a hard crash can lose the lines not yet written.
        pino.destination({ dest: 1, sync: false }));
  return pino(
    {
      level: settings.level,
      messageKey: 'message',
      base: { artifact: settings.serviceName, version: settings.version },
      timestamp: () => `,"@timestamp":"${new Date().toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
      // Defence in depth: nothing below logs headers or bodies, and if it ever does,
      // credentials still stay out.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
    },
    stream,
  );
}

type Req = IncomingMessage & { id?: unknown; originalUrl?: string; route?: { path?: string } };

const pathOf = (req: Req) => (req.originalUrl ?? req.url ?? '').split('?')[0];

/**
 * The route template that served a request (`/api/v1/cases/:id`), or `unmatched`.
 * Unmatched requests end on Nest's catch-all middleware route (`{/*splat}`).
 */
export function routeTemplate(req: { route?: { path?: string } }): string {
  const template = req.route?.path;
  return template && !template.includes('*') ? template : 'unmatched';
}

/** What the access line says about a request: its answer, time, route and verified caller. */
function accessContext(req: Req, res: ServerResponse, durationMs: number) {
  return {
    status: res.statusCode,
    duration_ms: durationMs,
    route: routeTemplate(req),
    caller: requestContextOf(req).caller?.email ?? null,
  };
}

/**
 * pino-http settings: it takes or makes the correlation id (and echoes it on the
 * response), binds `correlation_id`, `endpoint` and `method` to every line logged while
 * the request is served, and writes one access line per request. Request and response
 * bodies and headers are never logged.
 */
export function httpLoggerOptions(logger: Logger): HttpLoggerOptions {
  return {
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = correlationIdFor(req.headers[CORRELATION_HEADER]);
      res.setHeader('X-Correlation-ID', id);
      return id;
    },
    // Bind the correlation id, endpoint and method only; the raw request (headers
    // included) is never logged.
    serializers: { req: () => undefined, res: () => undefined },
    customProps: (req: Req) => ({
      correlation_id: req.id,
      endpoint: pathOf(req),
      method: req.method,
    }),
    customLogLevel: (_req, res, error) =>
      error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: (req, res, ms) =>
      `${req.method} ${pathOf(req)} ${res.statusCode} ${ms}ms`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    customSuccessObject: (req: Req, res, value: { responseTime: number }) => ({
      context: accessContext(req, res, value.responseTime),
    }),
    customErrorObject: (req: Req, res, _error, value: { responseTime: number }) => ({
      context: accessContext(req, res, value.responseTime),
    }),
  };
}
