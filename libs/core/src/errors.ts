/** A code a client can receive, with the HTTP status it travels with and its owner. */
export interface ErrorCode {
  readonly code: string;
  readonly status: number;
  /** The library or feature that registered it. */
  readonly owner: string;
}

const registry = new Map<string, ErrorCode>();

/**
 * Registers an owner's error codes with their HTTP statuses and returns them by name.
 * Every feature declares its own codes this way; the core renders any registered code and
 * never knows which features exist. A code has one owner: registering it twice throws.
 */
export function defineErrorCodes<const T extends Record<string, number>>(
  owner: string,
  statuses: T,
): { readonly [K in keyof T]: ErrorCode } {
  const defined: Record<string, ErrorCode> = {};
  for (const [code, status] of Object.entries(statuses)) {
    const existing = registry.get(code);
    if (existing) {
      throw new Error(`error code ${code} is already registered by ${existing.owner}`);
    }
    const errorCode = Object.freeze({ code, status, owner });
    registry.set(code, errorCode);
    defined[code] = errorCode;
  }
  return defined as { readonly [K in keyof T]: ErrorCode };
}

/** Every registered code, by status then name: the catalog the OpenAPI document and README list. */
export function registeredErrorCodes(): ErrorCode[] {
  return [...registry.values()].sort((a, b) => a.status - b.status || a.code.localeCompare(b.code));
}

/** The codes of the HTTP layer itself, whatever feature a request reaches. */
export const CoreErrors = defineErrorCodes('core', {
  MALFORMED_JSON: 400,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  VALIDATION_ERROR: 422,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  SERVICE_UNAVAILABLE: 503,
});

export interface ErrorDetail {
  code: string;
  message: string;
  field: string | null;
}

/** An error the client can act on: it carries its code, message and, if any, the field. */
export class AppError extends Error {
  readonly code: string;
  readonly status: number;
  /** Seconds the client should wait before retrying (`Retry-After`); null: its status decides. */
  readonly retryAfterSeconds: number | null = null;
  /** Headers the answer carries besides the envelope (`Allow`, `WWW-Authenticate`). */
  readonly headers: Readonly<Record<string, string>> = {};

  constructor(
    errorCode: ErrorCode,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
    this.name = new.target.name;
    this.code = errorCode.code;
    this.status = errorCode.status;
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
    super(
      CoreErrors.VALIDATION_ERROR,
      problems.map((p) => p.message).join('; '),
      problems[0]?.field,
    );
  }

  override details(): ErrorDetail[] {
    return this.problems.map((p) => ({ code: this.code, message: p.message, field: p.field }));
  }
}
