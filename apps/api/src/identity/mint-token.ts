import { SignJWT } from 'jose';

export interface TokenClaims {
  email: string;
  /** Space-separated, as the `scope` claim carries them. */
  scope: string;
  ttlSeconds: number;
  issuer?: string;
  audience?: string;
}

/** An HS256 bearer token as the service accepts it: for local use and tests, not for issuing. */
export function mintToken(secret: string, claims: TokenClaims): Promise<string> {
  let jwt = new SignJWT({ email: claims.email, scope: claims.scope })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.email)
    .setIssuedAt()
    .setExpirationTime(`${claims.ttlSeconds}s`);
  if (claims.issuer !== undefined) jwt = jwt.setIssuer(claims.issuer);
  if (claims.audience !== undefined) jwt = jwt.setAudience(claims.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
