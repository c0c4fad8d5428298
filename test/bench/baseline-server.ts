/**
 * The benchmark's bare baseline, not part of the product: node:http routing to the
 * handlers of baseline-handlers.ts (the service's own SQL, repository and domain
 * functions) with no framework, validation, envelope or logging. The ratio service /
 * baseline is what the framework and the product's additions cost together.
 */
import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Answer, startHandlers } from './baseline-handlers.js';

const handlers = await startHandlers('bench-baseline');

function send(res: ServerResponse, { status, body }: Answer) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

async function handle(req: IncomingMessage): Promise<Answer> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const get = req.method === 'GET';
  if (req.method === 'POST' && url.pathname === '/api/v1/cases') {
    return handlers.createCase(await readJson(req));
  }
  if (get && url.pathname === '/api/v1/cases') return handlers.listCases(url.searchParams);
  if (get && url.pathname === '/api/v1/stats') return handlers.stats(url.searchParams);
  const fingerprint = /^\/api\/v1\/fingerprints\/([0-9a-f]{16})$/.exec(url.pathname);
  if (get && fingerprint) return handlers.fingerprint(fingerprint[1]);
  const byId = /^\/api\/v1\/cases\/([0-9a-f-]{36})$/.exec(url.pathname);
  if (get && byId) return handlers.caseById(byId[1]);
  return { status: 404, body: { error: 'no route' } };
}

const server = createServer((req, res) => {
  handle(req).then(
    (answer) => send(res, answer),
    (error: unknown) => send(res, { status: 500, body: { error: String(error) } }),
  );
});
server.listen(Number(process.env.PORT ?? 3001), '127.0.0.1', () => {
  process.stdout.write('listening\n');
});
process.on('SIGTERM', () => {
  server.close();
  void handlers.close().then(() => process.exit(0));
});
