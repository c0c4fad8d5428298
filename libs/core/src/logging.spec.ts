import { describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import { correlationIdFor, createLogger, requestLogging } from './logging.js';

describe('correlationIdFor', () => {
  it('keeps a safe id and replaces anything else', () => {
    expect(correlationIdFor('abc-1.2:3_x')).toBe('abc-1.2:3_x');
    expect(correlationIdFor('bad id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlationIdFor(['a', 'b'])).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlationIdFor(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('requestLogging', () => {
  const capture = () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger(
      { serviceName: 'svc', version: '1', level: 'info', pretty: false },
      { write: (line: string) => void lines.push(JSON.parse(line)) },
    );
    return { lines, middleware: requestLogging(logger) };
  };
  const exchange = (url: string, headers: Record<string, string> = {}) => {
    const req = Object.assign(new EventEmitter(), { method: 'GET', url, headers }) as never;
    const res = Object.assign(new EventEmitter(), {
      statusCode: 200,
      headers: {} as Record<string, string>,
      setHeader(name: string, value: string) {
        this.headers[name.toLowerCase()] = value;
      },
    });
    return { req, res };
  };

  it('echoes the correlation id, binds it to req.log and writes one access line', () => {
    const { lines, middleware } = capture();
    const { req, res } = exchange('/api/v1/cases?search=secret', { 'x-correlation-id': 'c-1' });
    let nexts = 0;
    middleware(req, res as never, () => (nexts += 1));
    expect(nexts).toBe(1);
    expect(res.headers['x-correlation-id']).toBe('c-1');
    (req as { log: { info: (message: string) => void } }).log.info('inside');
    res.emit('finish');
    res.emit('close');
    expect(lines.map((line) => line.message)).toEqual([
      'inside',
      expect.stringMatching(/^GET \/api\/v1\/cases 200 \d+ms$/),
    ]);
    for (const line of lines) {
      expect(line).toMatchObject({
        correlation_id: 'c-1',
        endpoint: '/api/v1/cases',
        method: 'GET',
      });
    }
    expect(lines[1]).toMatchObject({
      level: 'info',
      context: { status: 200, route: 'unmatched', caller: null, duration_ms: expect.any(Number) },
    });
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it('logs 4xx at WARN, 5xx and failed responses at ERROR, and makes an id when none is safe', () => {
    const { lines, middleware } = capture();
    for (const [status, fail] of [
      [404, false],
      [503, false],
      [200, true],
    ] as const) {
      const { req, res } = exchange('/x', { 'x-correlation-id': 'not safe!' });
      middleware(req, res as never, () => undefined);
      res.statusCode = status;
      if (fail) res.emit('error', new Error('socket'));
      else res.emit('finish');
      expect(res.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(lines.map((line) => [line.level, line.message])).toEqual([
      ['warn', expect.stringMatching(/^GET \/x 404 \d+ms$/)],
      ['error', 'GET /x 503'],
      ['error', 'GET /x 200'],
    ]);
  });
});
