import { describe, expect, it } from '@jest/globals';
import { createApiClient, idempotencyKey } from './api-client.js';

/** A client whose fetch answers 201 with an empty envelope and keeps what it was sent. */
function recording(options: Omit<Parameters<typeof createApiClient>[0], 'baseUrl' | 'fetch'>) {
  const sent: Request[] = [];
  const client = createApiClient({
    ...options,
    baseUrl: 'http://cases.test',
    fetch: async (request) => {
      sent.push(request);
      return new Response(JSON.stringify({ success: true, data: null, errors: [] }), {
        status: 201,
        headers: { 'Content-Type': 'application/json' },
      });
    },
  });
  return { client, sent };
}

const body = {
  title: 'A case',
  case_type: 'support',
  priority: 'low',
  created_by: 'ana@example.com',
} as const;

describe('createApiClient', () => {
  it('sends a fixed bearer token on every request', async () => {
    const { client, sent } = recording({ token: 'abc' });
    await client.POST('/api/v1/cases', { body });
    await client.GET('/api/v1/cases');
    expect(sent.map((r) => r.headers.get('Authorization'))).toEqual(['Bearer abc', 'Bearer abc']);
    expect(sent[0].url).toBe('http://cases.test/api/v1/cases');
  });

  it('asks a token function before each request, and sends nothing when it has none', async () => {
    const tokens = ['first', undefined];
    const { client, sent } = recording({ token: async () => tokens.shift() });
    await client.GET('/api/v1/cases');
    await client.GET('/api/v1/cases');
    expect(sent.map((r) => r.headers.get('Authorization'))).toEqual(['Bearer first', null]);
  });

  it('sends no Authorization without a token, and an Idempotency-Key on the one POST given it', async () => {
    const { client, sent } = recording({ headers: { 'X-Client': 'frontend' } });
    await client.POST('/api/v1/cases', { body, headers: idempotencyKey('key-1') });
    await client.POST('/api/v1/cases', { body });
    expect(sent.map((r) => r.headers.get('Idempotency-Key'))).toEqual(['key-1', null]);
    expect(sent.map((r) => r.headers.get('X-Client'))).toEqual(['frontend', 'frontend']);
    expect(sent[0].headers.get('Authorization')).toBeNull();
  });
});
