import {
  BadRequestException,
  HttpException,
  MethodNotAllowedException,
  NotFoundException,
  PayloadTooLargeException,
  UnprocessableEntityException,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError, CoreErrors, ErrorCode } from '../errors.js';
import { failure } from '../envelope.js';

const RETRY_AFTER_SECONDS = 5;

// Errors raised by Express' body parser before a request reaches Nest.
const BODY_PARSER_CODES: Record<string, ErrorCode> = {
  'entity.parse.failed': CoreErrors.MALFORMED_JSON,
  'entity.too.large': CoreErrors.PAYLOAD_TOO_LARGE,
  'encoding.unsupported': CoreErrors.UNSUPPORTED_MEDIA_TYPE,
  'charset.unsupported': CoreErrors.UNSUPPORTED_MEDIA_TYPE,
  'request.size.invalid': CoreErrors.MALFORMED_JSON,
  'request.aborted': CoreErrors.MALFORMED_JSON,
};

/**
 * The framework's own exceptions that can reach the filter, each with its code. Any other
 * HttpException is a bug in this service (features throw AppError) and answers 500.
 */
const FRAMEWORK_CODES: ReadonlyArray<[new (...args: never[]) => HttpException, ErrorCode]> = [
  [NotFoundException, CoreErrors.ROUTE_NOT_FOUND],
  [MethodNotAllowedException, CoreErrors.METHOD_NOT_ALLOWED],
  [PayloadTooLargeException, CoreErrors.PAYLOAD_TOO_LARGE],
  [UnsupportedMediaTypeException, CoreErrors.UNSUPPORTED_MEDIA_TYPE],
  [UnprocessableEntityException, CoreErrors.VALIDATION_ERROR],
  // Nest's answer to a path it cannot decode (`/cases/%E0%A4`).
  [BadRequestException, CoreErrors.VALIDATION_ERROR],
];

const MESSAGES: Record<string, string> = {
  [CoreErrors.MALFORMED_JSON.code]: 'request body is not valid JSON',
  [CoreErrors.PAYLOAD_TOO_LARGE.code]: 'request body is larger than the limit',
  [CoreErrors.UNSUPPORTED_MEDIA_TYPE.code]: 'request body must be application/json',
  [CoreErrors.INTERNAL_ERROR.code]: 'an unexpected error occurred',
};

/** The methods served on a path, or none when no route matches it. */
export type AllowedMethods = (path: string) => string[];

export class MethodNotAllowedError extends AppError {
  override readonly headers: Readonly<Record<string, string>>;

  constructor(
    method: string,
    path: string,
    readonly allowed: string[],
  ) {
    super(
      CoreErrors.METHOD_NOT_ALLOWED,
      `${method} is not allowed on ${path}; use ${allowed.join(', ')}`,
    );
    this.headers = { Allow: allowed.join(', ') };
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
  if (error instanceof NotFoundException) {
    // Nest's answer to an unmatched route: a 405 when the path is served for other methods.
    const allowed = req && allowedMethods ? allowedMethods(req.path) : [];
    if (req && allowed.length > 0) {
      return { error: new MethodNotAllowedError(req.method, req.path, allowed), expected: true };
    }
    const route = req ? `${req.method} ${req.path}` : 'this route';
    return {
      error: new AppError(CoreErrors.ROUTE_NOT_FOUND, `no route for ${route}`),
      expected: true,
    };
  }
  const framework = FRAMEWORK_CODES.find(([type]) => error instanceof type);
  if (framework) return { error: fromCode(framework[1], (error as Error).message), expected: true };
  return { error: fromCode(CoreErrors.INTERNAL_ERROR), expected: false };
}

function fromCode(errorCode: ErrorCode, fallbackMessage = errorCode.code.toLowerCase()): AppError {
  return new AppError(errorCode, MESSAGES[errorCode.code] ?? fallbackMessage);
}

/**
 * Logs an error (expected ones at WARN, unexpected ones at ERROR with their stack)
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
  const retryAfter =
    error.retryAfterSeconds ??
    (error.code === CoreErrors.SERVICE_UNAVAILABLE.code ? RETRY_AFTER_SECONDS : null);
  if (retryAfter !== null) res.setHeader('Retry-After', String(retryAfter));
  for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
  res.status(error.status).json(failure(error.details()));
}
