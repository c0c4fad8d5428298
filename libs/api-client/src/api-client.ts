import createClient, { type Client, type ClientOptions, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, operations, paths } from './schema.js';

/** A schema of the API by its name in the document: `Schema<'CreateCaseDto'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];

/** openapi-fetch's client, typed by the document: `client.POST('/api/v1/cases', { body })`. */
export type ApiClient = Client<paths>;

/** Where a bearer token comes from: a fixed one, or one asked for before every request. */
export type TokenSource = string | (() => string | undefined | Promise<string | undefined>);

export interface ApiClientOptions {
  /** Where the service answers, without a path: `https://cases.example.com`. */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`; a function is asked per request, so it may refresh. */
  token?: TokenSource;
  /** Headers for every request; a request adds its own with `{ headers }`. */
  headers?: ClientOptions['headers'];
  /** The fetch to call (tests, instrumentation); the global one by default. */
  fetch?: ClientOptions['fetch'];
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: options.headers,
    fetch: options.fetch,
  });
  if (options.token !== undefined) client.use(bearerToken(options.token));
  return client;
}

/**
 * The `Idempotency-Key` header of one POST: `client.POST(path, { body, headers:
 * idempotencyKey(key) })`. Where the service honours it, a retry with the same key and body
 * is answered as the first attempt was, without writing twice; so make one key (a UUID) per
 * intended write, and reuse it for that write's retries only.
 */
export function idempotencyKey(key: string): Record<'Idempotency-Key', string> {
  return { 'Idempotency-Key': key };
}

function bearerToken(source: TokenSource): Middleware {
  return {
    async onRequest({ request }) {
      const token = typeof source === 'function' ? await source() : source;
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  };
}
