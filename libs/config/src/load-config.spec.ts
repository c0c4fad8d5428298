import { describe, expect, it } from '@jest/globals';
import { ConfigError } from './app-config.js';
import { loadConfig } from './load-config.js';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const config = loadConfig({}, '1.2.3');
    expect(config).toMatchObject({
      version: '1.2.3',
      port: 3000,
      databaseUrl: undefined,
      migrateOnStart: true,
      logLevel: 'info',
      bodyLimitBytes: 1024 * 1024,
      corsOrigins: [],
      embedded: { port: 54329, dataDir: '.data/postgres' },
      expensiveLists: { concurrency: 1, perClient: 1, maxWaiting: 16, maxWaitMs: 2000 },
      exports: { concurrency: 2, perClient: 1 },
      listExactTotalMax: 1000,
    });
  });

  it('reads typed values', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/x',
      MIGRATE_ON_START: 'false',
      BODY_LIMIT: '512kb',
      CORS_ORIGINS: 'https://a.example, https://b.example',
      LOG_PRETTY: 'yes',
      EXPENSIVE_LIST_CONCURRENCY: '2',
      EXPENSIVE_LIST_PER_CLIENT: '3',
      EXPENSIVE_LIST_QUEUE_MAX: '0',
      EXPENSIVE_LIST_WAIT_MS: '500',
      EXPORT_CONCURRENCY: '4',
      EXPORT_PER_CLIENT: '2',
      AUTH_JWT_SECRET: 's'.repeat(32),
      AUTH_JWT_ISSUER: 'https://id.example',
      IDEMPOTENCY_TTL_HOURS: '48',
      AGGREGATES_COUNT_INTERVAL_MS: '0',
      LIST_EXACT_TOTAL_MAX: '50000',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://u:p@db:5432/x',
      migrateOnStart: false,
      bodyLimitBytes: 512 * 1024,
      corsOrigins: ['https://a.example', 'https://b.example'],
      logPretty: true,
      expensiveLists: { concurrency: 2, perClient: 3, maxWaiting: 0, maxWaitMs: 500 },
      exports: { concurrency: 4, perClient: 2 },
      auth: { mode: 'jwt', secret: 's'.repeat(32), issuer: 'https://id.example' },
      idempotencyTtlHours: 48,
      aggregatesCountIntervalMs: 0,
      listExactTotalMax: 50000,
    });
  });

  it('turns tokens off only for the embedded database, unless told', () => {
    expect(loadConfig({}).auth).toEqual({ mode: 'off' });
    expect(loadConfig({ AUTH_MODE: 'off', DATABASE_URL: 'postgres://db/x' }).auth).toEqual({
      mode: 'off',
    });
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/x' })).toThrow(
      /AUTH_MODE=jwt needs AUTH_JWT_SECRET or AUTH_JWKS_URL/,
    );
    expect(() => loadConfig({ AUTH_MODE: 'jwt' })).toThrow(/needs AUTH_JWT_SECRET/);
    // A key source set is a wish to check tokens, embedded database or not.
    expect(loadConfig({ AUTH_JWT_SECRET: 's'.repeat(32) }).auth.mode).toBe('jwt');
  });

  it('refuses a short secret, a bad JWKS URL, and two key sources', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig({ AUTH_MODE: 'jwt', ...env });
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ AUTH_JWT_SECRET: 'é'.repeat(15) })).toEqual([
      'AUTH_JWT_SECRET must be at least 32 bytes long',
    ]);
    expect(problems({ AUTH_JWT_SECRET: 'é'.repeat(16) })).toEqual([]);
    for (const url of ['ftp://keys', 'http://id.example/jwks', 'not a url']) {
      expect(problems({ AUTH_JWKS_URL: url })).toEqual([
        'AUTH_JWKS_URL must be an https URL (http only on localhost)',
        'AUTH_MODE=jwt needs AUTH_JWT_SECRET or AUTH_JWKS_URL',
      ]);
    }
    expect(problems({ AUTH_JWKS_URL: 'https://id.example/jwks' })).toEqual([]);
    expect(problems({ AUTH_JWKS_URL: 'http://127.0.0.1:8080/jwks' })).toEqual([]);
    expect(
      problems({ AUTH_JWT_SECRET: 's'.repeat(32), AUTH_JWKS_URL: 'https://id.example/jwks' }),
    ).toEqual(['set AUTH_JWT_SECRET or AUTH_JWKS_URL, not both']);
  });

  it('reports every invalid value at once, one line each', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'abc',
        DATABASE_URL: 'nonsense',
        LOG_LEVEL: 'loud',
        MIGRATE_ON_START: 'maybe',
        BODY_LIMIT: 'huge',
        AUTH_MODE: 'off',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(5);
    expect(problems[0]).toMatch(/^PORT must be an integer/);
    expect(problems.join('\n')).toMatch(/DATABASE_URL must be a postgres:\/\/ URL/);
    expect(problems.join('\n')).not.toContain('nonsense');
  });

  it.each([['70000'], ['-1'], ['1.5']])('rejects PORT=%s', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(ConfigError);
  });
});
