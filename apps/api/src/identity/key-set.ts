import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  JSONWebKeySet,
  JWTVerifyGetKey,
} from 'jose';

/** What this needs of jose's remote key set: its key lookup and the last set it fetched. */
export type RemoteKeySet = JWTVerifyGetKey & { jwks(): JSONWebKeySet | undefined };

// Fetched on first use, kept for ten minutes, fetched again at most every thirty seconds
// when a token names a key the set lacks (a rotation).
const CACHE_MS = 10 * 60 * 1000;
const COOLDOWN_MS = 30 * 1000;
const TIMEOUT_MS = 5 * 1000;

/** Failures that say something about the token, not about reaching the key set. */
function aboutTheToken(error: unknown): boolean {
  return (
    error instanceof errors.JWKSNoMatchingKey ||
    error instanceof errors.JWKSMultipleMatchingKeys ||
    error instanceof errors.JOSENotSupported
  );
}

/**
 * An identity provider's key set (JWKS) that outlives the provider's outages. jose's
 * remote set refetches on every verification once its cache is stale, and a failed
 * fetch leaves it stale: every request would wait up to the timeout and fail while the
 * keys it holds are still good. Here a failed refetch falls back to the last set fetched,
 * for a cooldown before the next attempt.
 */
export class ResilientKeySet {
  private fallbackUntil = 0;

  constructor(
    private readonly remote: RemoteKeySet,
    private readonly now: () => number = Date.now,
  ) {}

  static fetchedFrom(url: URL): ResilientKeySet {
    return new ResilientKeySet(
      createRemoteJWKSet(url, {
        cacheMaxAge: CACHE_MS,
        cooldownDuration: COOLDOWN_MS,
        timeoutDuration: TIMEOUT_MS,
      }),
    );
  }

  readonly getKey: JWTVerifyGetKey = async (header, token) => {
    const last = this.remote.jwks();
    if (last && this.now() < this.fallbackUntil) return createLocalJWKSet(last)(header, token);
    try {
      return await this.remote(header, token);
    } catch (error) {
      if (aboutTheToken(error) || !last) throw error;
      this.fallbackUntil = this.now() + COOLDOWN_MS;
      return createLocalJWKSet(last)(header, token);
    }
  };
}
