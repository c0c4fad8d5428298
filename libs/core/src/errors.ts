/**
 * The error-code catalog: every code a client can receive, with its HTTP status.
 * Nothing else in the code base picks a status for an error.
 */
export const ERROR_CATALOG = {
  MALFORMED_JSON: 400,
  CASE_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  INVALID_STATUS_TRANSITION: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_ERROR: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_CATALOG;
export const ERROR_CODES = Object.keys(ERROR_CATALOG) as ErrorCode[];

export interface ErrorDetail {
  code: ErrorCode;
  message: string;
  field: string | null;
}

/** An error the client can act on: it carries its code, message and, if any, the field. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = new.target.name;
    this.status = ERROR_CATALOG[code];
  }

  /** What goes into the envelope's `errors` array. */
  details(): ErrorDetail[] {
    return [{ code: this.code, message: this.message, field: this.field }];
  }
}

export interface FieldProblem {
  field: string | null;
  message: string;
}

/** One or more invalid fields; each becomes its own entry in `errors`. */
export class ValidationFailedError extends AppError {
  constructor(readonly problems: FieldProblem[]) {
    super('VALIDATION_ERROR', problems.map((p) => p.message).join('; '), problems[0]?.field);
  }

  override details(): ErrorDetail[] {
    return this.problems.map((p) => ({ code: this.code, message: p.message, field: p.field }));
  }
}
