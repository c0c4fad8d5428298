import { AppConfig, AuthConfig, ConfigError } from './app-config.js';

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2 };

/**
 * Reads and validates every setting at once, so a bad deployment fails at boot with one
 * line per problem instead of at the first request that needs the value.
 */
export function loadConfig(env: Env = process.env, version = '0.0.0'): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const config: AppConfig = {
    serviceName: read.string('SERVICE_NAME', 'case-tracker'),
    version,
    host: read.string('HOST', '0.0.0.0'),
    port: read.int('PORT', 3000, 0, 65535),
    databaseUrl: read.databaseUrl('DATABASE_URL'),
    migrationDatabaseUrl: read.databaseUrl('MIGRATION_DATABASE_URL'),
    roles: {
      owner: read.identifier('DB_OWNER_ROLE', 'case_tracker_owner'),
      app: read.optionalIdentifier('DB_APP_ROLE'),
      appPassword: read.secret('DB_APP_PASSWORD', 12),
    },
    embedded: {
      port: read.int('EMBEDDED_PG_PORT', 54329, 1, 65535),
      dataDir: read.string('EMBEDDED_PG_DATA_DIR', '.data/postgres'),
    },
    db: {
      poolMax: read.int('DB_POOL_MAX', 10, 1, 100),
      connectTimeoutSeconds: read.int('DB_CONNECT_TIMEOUT_SECONDS', 5, 1, 60),
      idleTimeoutSeconds: read.int('DB_IDLE_TIMEOUT_SECONDS', 30, 0, 3600),
      statementTimeoutMs: read.int('DB_STATEMENT_TIMEOUT_MS', 5000, 100, 600000),
      maxQueued: read.int('DB_QUEUE_MAX', 1000, 1, 1_000_000),
    },
    migrateOnStart: read.bool('MIGRATE_ON_START', true),
    logLevel: read.oneOf('LOG_LEVEL', LOG_LEVELS, 'info'),
    logPretty: read.bool('LOG_PRETTY', false),
    corsOrigins: read.list('CORS_ORIGINS'),
    bodyLimitBytes: read.size('BODY_LIMIT', 1024 ** 2),
    rateLimitPerMinute: read.int('RATE_LIMIT_PER_MINUTE', 600, 1, 10_000_000),
    dbRequestTimeoutMs: read.int('DB_REQUEST_TIMEOUT_MS', 4000, 100, 600000),
    expensiveLists: {
      concurrency: read.int('EXPENSIVE_LIST_CONCURRENCY', 1, 1, 100),
      perClient: read.int('EXPENSIVE_LIST_PER_CLIENT', 1, 1, 100),
      maxWaiting: read.int('EXPENSIVE_LIST_QUEUE_MAX', 16, 0, 100_000),
      maxWaitMs: read.int('EXPENSIVE_LIST_WAIT_MS', 2000, 1, 600000),
    },
    exports: {
      concurrency: read.int('EXPORT_CONCURRENCY', 2, 1, 100),
      perClient: read.int('EXPORT_PER_CLIENT', 1, 1, 100),
    },
    listExactTotalMax: read.int('LIST_EXACT_TOTAL_MAX', 1000, 1, 10_000_000),
    trustProxyHops: read.int('TRUST_PROXY_HOPS', 0, 0, 10),
    shutdownTimeoutMs: read.int('SHUTDOWN_TIMEOUT_MS', 10000, 0, 600000),
    auditHmacKey: read.secret('AUDIT_HMAC_KEY', 32),
    auth: readAuth(read, problems),
    idempotencyTtlHours: read.int('IDEMPOTENCY_TTL_HOURS', 24, 1, 24 * 30),
    aggregatesCountIntervalMs: read.int('AGGREGATES_COUNT_INTERVAL_MS', 500, 0, 60_000),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

const AUTH_MODES = ['jwt', 'off'] as const;
const TOKEN_CLOCK_TOLERANCE_SECONDS = 30;

/**
 * `off` by default only for a local try-out: the embedded database and no key source set.
 * A service on a database of its own verifies tokens unless told otherwise, and refuses to
 * start without a key.
 */
function readAuth(read: EnvReader, problems: string[]): AuthConfig {
  const tryOut =
    !read.isSet('DATABASE_URL') && !read.isSet('AUTH_JWT_SECRET') && !read.isSet('AUTH_JWKS_URL');
  const mode = read.oneOf('AUTH_MODE', AUTH_MODES, tryOut ? 'off' : 'jwt');
  if (mode === 'off') return { mode };
  const secret = read.secret('AUTH_JWT_SECRET', 32);
  const jwksUrl = read.keySetUrl('AUTH_JWKS_URL');
  if (secret === undefined && jwksUrl === undefined && !read.isSet('AUTH_JWT_SECRET')) {
    problems.push('AUTH_MODE=jwt needs AUTH_JWT_SECRET or AUTH_JWKS_URL');
  }
  if (secret !== undefined && jwksUrl !== undefined) {
    problems.push('set AUTH_JWT_SECRET or AUTH_JWKS_URL, not both');
  }
  return {
    mode,
    secret,
    jwksUrl,
    issuer: read.optionalString('AUTH_JWT_ISSUER'),
    audience: read.optionalString('AUTH_JWT_AUDIENCE'),
    clockToleranceSeconds: TOKEN_CLOCK_TOLERANCE_SECONDS,
  };
}

/**
 * The configuration of a command-line tool (migrations, the audit check): the same
 * settings, except that a tool serves no requests, so token settings neither apply nor
 * block it.
 */
export function loadToolConfig(env: Env = process.env, version = '0.0.0'): AppConfig {
  return loadConfig({ ...env, AUTH_MODE: 'off' }, version);
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  private raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === '' ? undefined : value;
  }

  string(name: string, fallback: string): string {
    return this.raw(name) ?? fallback;
  }

  optionalString(name: string): string | undefined {
    return this.raw(name);
  }

  isSet(name: string): boolean {
    return this.raw(name) !== undefined;
  }

  /**
   * Where signing keys are fetched: HTTPS, since whoever can answer instead of it can mint
   * any caller; plain HTTP only on the loopback interface (a local identity provider).
   */
  keySetUrl(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    try {
      const url = new URL(value);
      const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
      if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return value;
    } catch {
      // reported below
    }
    this.problems.push(`${name} must be an https URL (http only on localhost)`);
    return undefined;
  }

  int(name: string, fallback: number, min: number, max: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = /^-?\d+$/.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
      this.problems.push(`${name} must be an integer between ${min} and ${max} (got "${value}")`);
      return fallback;
    }
    return parsed;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value)) return true;
    if (['false', '0', 'no'].includes(value)) return false;
    this.problems.push(`${name} must be true or false (got "${value}")`);
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.push(`${name} must be one of ${allowed.join(', ')} (got "${value}")`);
    return fallback;
  }

  list(name: string): string[] {
    const value = this.raw(name);
    if (value === undefined) return [];
    return value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  }

  size(name: string, fallback: number): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const match = /^(\d+)\s*(b|kb|mb)?$/i.exec(value);
    const bytes = match ? Number(match[1]) * SIZE_UNITS[(match[2] ?? 'b').toLowerCase()] : NaN;
    if (!Number.isSafeInteger(bytes) || bytes < 1) {
      this.problems.push(`${name} must be a size such as 1mb, 512kb or 1048576 (got "${value}")`);
      return fallback;
    }
    return bytes;
  }

  /** A lower-case SQL identifier, such as a role name. */
  optionalIdentifier(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(value)) {
      this.problems.push(
        `${name} must be a lower-case identifier: letters, digits, _ (got "${value}")`,
      );
      return undefined;
    }
    return value;
  }

  identifier(name: string, fallback: string): string {
    return this.optionalIdentifier(name) ?? fallback;
  }

  /** A secret of at least `minLength` bytes (UTF-8); the problem never quotes it. */
  secret(name: string, minLength: number): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (Buffer.byteLength(value, 'utf8') < minLength) {
      this.problems.push(`${name} must be at least ${minLength} bytes long`);
      return undefined;
    }
    return value;
  }

  databaseUrl(name: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    let valid = false;
    try {
      const url = new URL(value);
      valid =
        (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
    } catch {
      valid = false;
    }
    if (!valid) this.problems.push(`${name} must be a postgres:// URL with a host`);
    return valid ? value : undefined;
  }
}
