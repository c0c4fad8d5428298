import { ChildProcess, execFile, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aCase } from '../factories/case.factory.js';
import { createTestDatabase, TestDatabase } from '../setup/test-database.js';
import { freePort } from '../setup/free-port.js';
import { JWT_SECRET } from '../setup/tokens.js';
import { mintToken } from '../../apps/api/src/identity/mint-token.js';

const run = promisify(execFile);
const ENTRY = 'dist/apps/api/src/main.js';

interface Service {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function start(env: Record<string, string>): Service {
  const child = spawn(process.execPath, [ENTRY], {
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(predicate: () => boolean, timeoutMs = 20000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the service');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The service as `npm start` runs it: compiled by `nest build`, started with node. This
 * catches what only the build can break (ESM import paths, path aliases, decorator
 * metadata) and checks the committed OpenAPI copy against what the build serves.
 */
describe('the built service', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    await run('node_modules/.bin/nest', ['build']);
    db = await createTestDatabase({ migrated: false });
  }, 120000);
  afterAll(async () => {
    await db.drop();
  });

  it('migrates, serves the committed OpenAPI document, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const service = start({
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_JWT_SECRET: JWT_SECRET,
    });
    try {
      await waitFor(() => service.output().includes('listening'));
      const ready = await fetch(`http://127.0.0.1:${port}/health/ready`);
      expect(ready.status).toBe(200);

      // On a database of its own the service checks tokens unless told otherwise.
      const api = `http://127.0.0.1:${port}/api/v1/cases`;
      expect((await fetch(api)).status).toBe(401);
      const token = await mintToken(JWT_SECRET, {
        email: 'ana@example.com',
        scope: 'cases:read',
        ttlSeconds: 60,
      });
      const listed = await fetch(api, { headers: { Authorization: `Bearer ${token}` } });
      expect(listed.status).toBe(200);

      const served = (await (await fetch(`http://127.0.0.1:${port}/openapi.json`)).json()) as {
        info: Record<string, unknown>;
      };
      const committed = JSON.parse(readFileSync('docs/openapi.json', 'utf8'));
      expect({ ...served, info: { ...served.info, version: 'VERSION' } }).toEqual(committed);
    } finally {
      service.child.kill('SIGTERM');
    }
    expect(await service.exited).toBe(0);
    expect(service.output()).toContain('"message":"stopped"');
  }, 60000);

  it('on SIGTERM finishes the request in flight, refuses new connections, exits 0', async () => {
    const port = await freePort();
    const service = start({
      DATABASE_URL: db.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      AUTH_MODE: 'off',
    });
    await waitFor(() => service.output().includes('listening'));

    const body = JSON.stringify(aCase());
    const inFlight = new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/api/v1/cases',
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on('error', reject);
      // Half the body now; the rest after SIGTERM has arrived.
      req.write(body.slice(0, 20));
      setTimeout(() => {
        service.child.kill('SIGTERM');
        setTimeout(() => req.end(body.slice(20)), 500);
      }, 300);
    });

    const answered = await inFlight;
    expect(answered.status).toBe(201);
    expect(JSON.parse(answered.body).data.title).toBe('Q4 sales extract');
    await expect(fetch(`http://127.0.0.1:${port}/health/live`)).rejects.toThrow();
    expect(await service.exited).toBe(0);
    expect(service.output()).toContain('"message":"shutting down"');
  }, 60000);

  it('refuses to start on invalid configuration, one line per problem, no stack', async () => {
    const service = start({ PORT: 'abc', DATABASE_URL: 'nonsense' });
    expect(await service.exited).toBe(1);
    const lines = service.output().trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^config error: PORT must be an integer/),
      expect.stringMatching(/^config error: DATABASE_URL must be a postgres:\/\/ URL/),
      // A service on a database of its own does not start without a way to check tokens.
      'config error: AUTH_MODE=jwt needs AUTH_JWT_SECRET or AUTH_JWKS_URL',
    ]);
  }, 30000);
});
