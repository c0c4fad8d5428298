import { createServer, get, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from '@jest/globals';
import { DatabaseUnavailableError } from '@app/database';
import { abortWhenClosed, StreamLog, streamResponse } from './stream-response.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Logged {
  level: 'info' | 'warn' | 'error';
  message: string;
}

/** A server whose one handler streams `chunks`; what the handler threw and logged is kept. */
async function serve(chunks: () => AsyncIterable<string>) {
  const logged: Logged[] = [];
  const log: StreamLog = {
    info: (_f, message) => logged.push({ level: 'info', message }),
    warn: (_f, message) => logged.push({ level: 'warn', message }),
    error: (_f, message) => logged.push({ level: 'error', message }),
  };
  let settled!: Promise<unknown>;
  const server = createServer((_req, res: ServerResponse) => {
    const signal = abortWhenClosed(res);
    const body = { contentType: 'text/plain', filename: 'x.txt', head: 'HEAD\n', chunks: chunks() };
    settled = streamResponse(res, body, signal, log).then(
      () => 'done',
      (error: unknown) => {
        res.statusCode = 503;
        res.end('enveloped');
        return error;
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { server, url, logged, settled: () => settled };
}

/** The status, the body as received, and whether the transfer ended cleanly. */
function fetchText(url: string) {
  return new Promise<{ status: number; body: string; complete: boolean }>((resolve) => {
    const req = get(url, (res: IncomingMessage) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('error', () => undefined);
      res.on('close', () => resolve({ status: res.statusCode!, body, complete: res.complete }));
    });
    // Destroyed before a byte arrived.
    req.on('error', () => resolve({ status: 0, body: '', complete: false }));
  });
}

describe('streamResponse', () => {
  let server: Server | undefined;
  afterEach(() => new Promise((resolve) => (server ? server.close(resolve) : resolve(null))));

  it('writes the head with the first chunk, then every chunk, as an attachment', async () => {
    const s = await serve(async function* () {
      yield 'a\n';
      yield 'b\n';
    });
    server = s.server;
    const got = await fetchText(s.url);
    expect(got).toEqual({ status: 200, body: 'HEAD\na\nb\n', complete: true });
    expect(await s.settled()).toBe('done');
  });

  it('sends the head alone when there is nothing else', async () => {
    const s = await serve(async function* () {});
    server = s.server;
    expect(await fetchText(s.url)).toEqual({ status: 200, body: 'HEAD\n', complete: true });
  });

  it('throws an error met before the first byte, so it can be answered with its status', async () => {
    const s = await serve(() => ({
      [Symbol.asyncIterator]: () => ({
        next: () => Promise.reject(new DatabaseUnavailableError('down')),
      }),
    }));
    server = s.server;
    expect(await fetchText(s.url)).toEqual({ status: 503, body: 'enveloped', complete: true });
    expect(await s.settled()).toBeInstanceOf(DatabaseUnavailableError);
  });

  it('cuts the connection on an error after the first byte, and logs it', async () => {
    const s = await serve(async function* () {
      yield 'a\n';
      await sleep(50); // lets the first bytes reach the client before the cut
      throw new DatabaseUnavailableError('down');
    });
    server = s.server;
    const got = await fetchText(s.url);
    expect(got).toEqual({ status: 200, body: 'HEAD\na\n', complete: false });
    expect(await s.settled()).toBe('done');
    expect(s.logged).toEqual([
      { level: 'warn', message: expect.stringMatching(/^export cut short after 7 bytes/) },
    ]);
  });

  it('logs an unexpected error at ERROR', async () => {
    const s = await serve(async function* () {
      yield 'a\n';
      throw new TypeError('bug');
    });
    server = s.server;
    await fetchText(s.url);
    await s.settled();
    expect(s.logged.map((l) => l.level)).toEqual(['error']);
  });

  it('stops pulling chunks once a client that stopped reading goes away', async () => {
    let pulled = 0;
    const chunk = 'x'.repeat(64 * 1024);
    const s = await serve(async function* () {
      for (;;) {
        pulled += 1;
        yield chunk;
      }
    });
    server = s.server;
    await new Promise<void>((resolve) => {
      const req = get(s.url, (res) => {
        res.once('data', () => {
          res.pause();
          // Long enough for the buffers to fill and the writer to wait for `drain`.
          setTimeout(() => {
            req.destroy();
            resolve();
          }, 300);
        });
      });
      req.on('error', () => undefined);
    });
    expect(await s.settled()).toBe('done');
    const atClose = pulled;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pulled).toBe(atClose);
    // Bounded by what the socket buffers took, not an endless stream.
    expect(pulled).toBeLessThan(1000);
    expect(s.logged.at(-1)).toEqual({
      level: 'info',
      message: 'export stopped: the client went away',
    });
  });
});
