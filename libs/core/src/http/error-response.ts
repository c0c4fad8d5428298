import { HttpException } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError, ERROR_CATALOG, ErrorCode } from '../errors.js';
import { failure } from '../envelope.js';

const RETRY_AFTER_SECONDS = '5';

const CODE_BY_STATUS = new Map<number, ErrorCode>(
  (Object.entries(ERROR_CATALOG) as [ErrorCode, number][])
    .filter(([code]) => code !== 'CASE_NOT_FOUND')
    .map(([code, status]) => [status, code]),
);

// Errors raised by Express' body parser before a request reaches Nest.
const BODY_PARSER_CODES: Record<string, ErrorCode> = {
  'entity.parse.failed': 'MALFORMED_JSON',
  'entity.too.large': 'PAYLOAD_TOO_LARGE',
  'encoding.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'charset.unsupported': 'UNSUPPORTED_MEDIA_TYPE',
  'request.size.invalid': 'MALFORMED_JSON',
  'request.aborted': 'MALFORMED_JSON',
};

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  MALFORMED_JSON: 'request body is not valid JSON',
  PAYLOAD_TOO_LARGE: 'request body is larger than the limit',
  UNSUPPORTED_MEDIA_TYPE: 'request body must be application/json',
  INTERNAL_ERROR: 'an unexpected error occurred',
};

/** The methods served on a path, or none when no route matches it. */
export type AllowedMethods = (path: string) => string[];

export class MethodNotAllowedError extends AppError {
  constructor(
    method: string,
    path: string,
    readonly allowed: string[],
  ) {
    super('METHOD_NOT_ALLOWED', `${method} is not allowed on ${path}; use ${allowed.join(', ')}`);
  }
}

/** Whatever was thrown, as the client-facing error; `expected` is false for bugs. */
export function toAppError(
  error: unknown,
  req?: Request,
  allowedMethods?: AllowedMethods,
): { error: AppError; expected: boolean } {
  if (error instanceof AppError) return { error, expected: true };
  const bodyParserType = (error as { type?: unknown } | null)?.type;
  if (typeof bodyParserType === 'string' && bodyParserType in BODY_PARSER_CODES) {
    return { error: fromCode(BODY_PARSER_CODES[bodyParserType]), expected: true };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = CODE_BY_STATUS.get(status);
    if (code === 'ROUTE_NOT_FOUND') {
      const allowed = req && allowedMethods ? allowedMethods(req.path) : [];
      if (req && allowed.length > 0) {
        return { error: new MethodNotAllowedError(req.method, req.path, allowed), expected: true };
      }
      const route = req ? `${req.method} ${req.path}` : 'this route';
      return { error: new AppError(code, `no route for ${route}`), expected: true };
    }
    if (code && status < 500) return { error: fromCode(code, error.message), expected: true };
  }
  return { error: fromCode('INTERNAL_ERROR'), expected: false };
}

function fromCode(code: ErrorCode, fallbackMessage = code.toLowerCase()): AppError {
  return new AppError(code, MESSAGES[code] ?? fallbackMessage);
}

/**
 * Logs an error as SPEC §4 says (expected at WARN, unexpected at ERROR with its stack)
 * and answers it in the envelope. Shared by the Nest exception filter and the Express
 * error handler that sees body-parser failures.
 */
export function sendError(
  req: Request,
  res: Response,
  thrown: unknown,
  fallbackLog: Logger,
  allowedMethods?: AllowedMethods,
): void {
  const { error, expected } = toAppError(thrown, req, allowedMethods);
  const log = (req as Request & { log?: Logger }).log ?? fallbackLog;
  const original = thrown instanceof Error ? thrown : new Error(String(thrown));
  if (expected) {
    log.warn(
      { error: { type: original.name, message: error.message, code: error.code } },
      error.message,
    );
  } else {
    log.error(
      {
        error: {
          type: original.name,
          message: original.message,
          code: error.code,
          stack: original.stack,
        },
      },
      `unexpected error: ${original.message}`,
    );
  }
  if (res.headersSent) return;
  if (error.code === 'SERVICE_UNAVAILABLE') res.setHeader('Retry-After', RETRY_AFTER_SECONDS);
  if (error instanceof MethodNotAllowedError) res.setHeader('Allow', error.allowed.join(', '));
  res.status(error.status).json(failure(error.details()));
}
