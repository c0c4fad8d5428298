import { mintToken, TokenClaims } from '../../apps/api/src/identity/mint-token.js';

/** The settings of a service that checks tokens, and tokens it accepts. */
export const JWT_SECRET = 'test-secret-that-is-at-least-32-bytes-long';
export const JWT_ISSUER = 'https://id.case-tracker.test';
export const JWT_AUDIENCE = 'case-tracker';
export const JWT_ENV = {
  AUTH_MODE: 'jwt',
  AUTH_JWT_SECRET: JWT_SECRET,
  AUTH_JWT_ISSUER: JWT_ISSUER,
  AUTH_JWT_AUDIENCE: JWT_AUDIENCE,
};

/** A valid token for `email` with both scopes; override any claim. */
export function tokenFor(email: string, overrides: Partial<TokenClaims> = {}): Promise<string> {
  return mintToken(JWT_SECRET, {
    email,
    scope: 'cases:read cases:write',
    ttlSeconds: 600,
    issuer: JWT_ISSUER,
    audience: JWT_AUDIENCE,
    ...overrides,
  });
}
