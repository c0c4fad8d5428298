import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { DestinationStream, Logger } from 'pino';
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
        bufferedStdout());
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

/**
 * Standard output, written asynchronously in blocks of at least 4 KiB, and at least once a
 * second: a write per line cost a system call per request. Flushed on shutdown (main.ts);
 * a hard crash can lose up to a second of lines.
 */
function bufferedStdout(): DestinationStream {
  const stream = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => stream.flush(), 1000).unref();
  return stream;
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

type LoggedRequest = Req & { id?: string; log?: Logger };

/**
 * The request logger, mounted before anything that can answer. It takes or makes the
 * correlation id (and echoes it on the response), gives the request a child logger bound
 * to `correlation_id`, `endpoint` and `method` (`req.log`: every line logged while the
 * request is served carries them; nestjs-pino hands it to injected loggers), and writes
 * one access line when the response is sent or the client goes away: at ERROR from 500
 * on (or when the response failed), WARN from 400, else INFO. Headers and bodies are never
 * logged. It does what pino-http did here with one child logger instead of three and
 * without serializing the bindings again at the end (see docs/PERFORMANCE.md).
 */
export function requestLogging(logger: Logger) {
  return (req: LoggedRequest, res: ServerResponse, next: () => void): void => {
    const started = Date.now();
    const id = correlationIdFor(req.headers[CORRELATION_HEADER]);
    res.setHeader('X-Correlation-ID', id);
    req.id = id;
    const log = logger.child({ correlation_id: id, endpoint: pathOf(req), method: req.method });
    req.log = log;
    const done = (error?: unknown) => {
      res.off('finish', done);
      res.off('close', done);
      res.off('error', done);
      const ms = Date.now() - started;
      const context = accessContext(req, res, ms);
      const line = `${req.method} ${pathOf(req)} ${res.statusCode}`;
      if (error || res.statusCode >= 500) log.error({ context }, line);
      else if (res.statusCode >= 400) log.warn({ context }, `${line} ${ms}ms`);
      else log.info({ context }, `${line} ${ms}ms`);
    };
    res.on('finish', done);
    res.on('close', done);
    res.on('error', done);
    next();
  };
}
