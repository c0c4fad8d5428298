import { AppError, CoreErrors, defineErrorCodes } from '@app/core';

export const IdentityErrors = defineErrorCodes('identity', {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  ACTOR_MISMATCH: 403,
});

/**
 * What every API operation may answer whoever calls it, for its OpenAPI error list: no
 * valid token (401), a token without the scope (403), too many requests (429).
 */
export const CALLER_ERRORS = [
  IdentityErrors.UNAUTHENTICATED,
  IdentityErrors.FORBIDDEN,
  CoreErrors.RATE_LIMITED,
];

/** The realm every challenge names (RFC 6750 §3). */
const REALM = 'case-tracker';

function challenge(attributes: Record<string, string>): string {
  const quoted = Object.entries({ realm: REALM, ...attributes }).map(
    // RFC 6750 §3: attribute values hold %x20-21 / %x23-5B / %x5D-7E only.
    ([name, value]) => `${name}="${value.replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, '')}"`,
  );
  return `Bearer ${quoted.join(', ')}`;
}

/**
 * No usable bearer token. Without one (or with credentials of another scheme) the
 * challenge names only the realm; with a token that fails verification it says
 * `invalid_token` and why, as RFC 6750 §3.1 describes.
 */
export class UnauthenticatedError extends AppError {
  override readonly headers: Readonly<Record<string, string>>;

  constructor(message: string, tokenPresented: boolean) {
    super(IdentityErrors.UNAUTHENTICATED, message);
    this.headers = {
      'WWW-Authenticate': tokenPresented
        ? challenge({ error: 'invalid_token', error_description: message })
        : challenge({}),
    };
  }
}

/** A verified caller whose token lacks the scope the operation needs. */
export class ForbiddenError extends AppError {
  override readonly headers: Readonly<Record<string, string>>;

  constructor(readonly scope: string) {
    super(IdentityErrors.FORBIDDEN, `this operation needs the ${scope} scope`);
    this.headers = {
      'WWW-Authenticate': challenge({ error: 'insufficient_scope', scope }),
    };
  }
}

/** A body naming someone other than the caller as the actor. */
export class ActorMismatchError extends AppError {
  constructor(field: string) {
    super(
      IdentityErrors.ACTOR_MISMATCH,
      `${field} must be the authenticated caller's email, or left out`,
      field,
    );
  }
}
