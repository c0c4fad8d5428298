import { AppError, Caller, CoreErrors } from '@app/core';
import { errors, JWTPayload, jwtVerify, JWTVerifyGetKey, JWTVerifyOptions } from 'jose';
import { isEmail } from 'class-validator';
import { UnauthenticatedError } from './identity.errors.js';
import { ResilientKeySet } from './key-set.js';

export interface TokenSettings {
  /** HS256 secret. */
  secret: string | undefined;
  /** A JWKS document with RS256 or ES256 keys. */
  jwksUrl: string | undefined;
  issuer: string | undefined;
  audience: string | undefined;
  clockToleranceSeconds: number;
}

const MAX_EMAIL_LENGTH = 255;

/**
 * Verifies a bearer token (JWT) and names its caller: the lower-cased `email` claim, with
 * the permissions of its space-separated `scope` claim. Signature, algorithm (`none` is
 * never accepted), `exp` (required), `nbf`, and issuer and audience when configured are
 * all checked, with a 30 s clock tolerance.
 */
export class TokenVerifier {
  private readonly key: Uint8Array | JWTVerifyGetKey;
  private readonly options: JWTVerifyOptions;

  constructor(settings: TokenSettings) {
    if (settings.secret !== undefined) {
      this.key = new TextEncoder().encode(settings.secret);
    } else if (settings.jwksUrl !== undefined) {
      this.key = ResilientKeySet.fetchedFrom(new URL(settings.jwksUrl)).getKey;
    } else {
      throw new Error('token verification needs a secret or a JWKS URL');
    }
    this.options = {
      algorithms: settings.secret !== undefined ? ['HS256'] : ['RS256', 'ES256'],
      issuer: settings.issuer,
      audience: settings.audience,
      clockTolerance: settings.clockToleranceSeconds,
      requiredClaims: ['exp'],
    };
  }

  /** The caller of a request from its `Authorization` header. */
  async callerOf(authorization: string | undefined): Promise<Caller> {
    if (authorization === undefined || authorization.trim() === '') {
      throw new UnauthenticatedError('a bearer token is required', false);
    }
    const [scheme] = authorization.trim().split(' ', 1);
    if (scheme.toLowerCase() !== 'bearer') {
      // RFC 6750 §3.1: credentials of another scheme get a challenge without an error code.
      throw new UnauthenticatedError('the Authorization header must be "Bearer <token>"', false);
    }
    const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(authorization.trim());
    if (!match) {
      throw new UnauthenticatedError('the Authorization header must be "Bearer <token>"', true);
    }
    return callerFrom(await this.verify(match[1]));
  }

  private async verify(token: string): Promise<JWTPayload> {
    try {
      // A union of overloads would not take the key as a union; both branches are the same call.
      const { payload } =
        this.key instanceof Uint8Array
          ? await jwtVerify(token, this.key, this.options)
          : await jwtVerify(token, this.key, this.options);
      return payload;
    } catch (error) {
      throw refusal(error, this.key instanceof Uint8Array ? 'secret' : 'jwks');
    }
  }
}

function callerFrom(payload: JWTPayload): Caller {
  const email = typeof payload.email === 'string' ? payload.email.trim().toLowerCase() : '';
  // As strict as the bodies' emails, so a caller can always name themselves in one.
  if (!isEmail(email) || email.length > MAX_EMAIL_LENGTH) {
    throw new UnauthenticatedError('the token has no valid email claim', true);
  }
  // An identity provider that says it has not verified the address does not vouch for it.
  if (payload.email_verified === false) {
    throw new UnauthenticatedError("the token's email is not verified", true);
  }
  const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
  return { email, scopes: scopes.filter((scope) => scope !== '') };
}

/** Why a token was refused, in words a client can act on; a key source we cannot reach is ours. */
function refusal(error: unknown, keySource: 'secret' | 'jwks'): unknown {
  if (error instanceof errors.JWTExpired) {
    return new UnauthenticatedError('the token has expired', true);
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    const what: Record<string, string> = {
      nbf: 'the token is not valid yet',
      iss: 'the token has the wrong issuer',
      aud: 'the token has the wrong audience',
      exp: 'the token has no expiry (exp)',
    };
    return new UnauthenticatedError(
      what[error.claim] ?? `the token's ${error.claim} claim is invalid`,
      true,
    );
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new UnauthenticatedError('the token signature is invalid', true);
  }
  if (error instanceof errors.JOSEAlgNotAllowed || error instanceof errors.JOSENotSupported) {
    return new UnauthenticatedError(
      'the token is signed with an algorithm this service refuses',
      true,
    );
  }
  if (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return new UnauthenticatedError('no key of this service matches the token', true);
  }
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JWKInvalid
  ) {
    return new UnauthenticatedError('the token is malformed', true);
  }
  if (keySource === 'jwks') {
    // The JWKS could not be fetched or read: the token may be fine, so the client may retry.
    return new AppError(CoreErrors.SERVICE_UNAVAILABLE, 'token keys are unavailable; retry later');
  }
  return error;
}
