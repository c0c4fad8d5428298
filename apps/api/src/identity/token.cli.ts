/**
 * `npm run token -- --email ana@example.com [--scope "cases:read cases:write"] [--ttl 3600]`:
 * prints a bearer token signed with AUTH_JWT_SECRET (and AUTH_JWT_ISSUER/AUDIENCE when
 * set), for trying the API locally with AUTH_MODE=jwt. Production tokens come from your
 * identity provider, whose JWKS the service reads (AUTH_JWKS_URL).
 */
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '@app/config';
import { mintToken } from './mint-token.js';
import { Scopes } from './scopes.js';

function main(): number {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      scope: { type: 'string', default: `${Scopes.CASES_READ} ${Scopes.CASES_WRITE}` },
      ttl: { type: 'string', default: '3600' },
    },
  });
  const ttlSeconds = Number(values.ttl);
  if (!values.email || !Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
    console.error('usage: npm run token -- --email <email> [--scope "<scopes>"] [--ttl <seconds>]');
    return 2;
  }
  // The signing settings are the service's own; AUTH_MODE only says whether it checks them.
  const { auth } = loadConfig({ ...process.env, AUTH_MODE: 'jwt' });
  if (auth.mode !== 'jwt' || auth.secret === undefined) {
    console.error(
      'token: AUTH_JWT_SECRET is not set (a JWKS-configured service takes tokens from its issuer)',
    );
    return 2;
  }
  mintToken(auth.secret, {
    email: values.email,
    scope: values.scope,
    ttlSeconds,
    issuer: auth.issuer,
    audience: auth.audience,
  }).then(
    (token) => console.log(token),
    (error: unknown) => {
      console.error(`token: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 2;
    },
  );
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  const problems = error instanceof ConfigError ? error.problems : [String(error)];
  for (const problem of problems) console.error(`config error: ${problem}`);
  process.exitCode = 2;
}
