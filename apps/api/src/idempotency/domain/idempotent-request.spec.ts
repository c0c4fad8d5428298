import { describe, expect, it } from '@jest/globals';
import { ValidationFailedError } from '@app/core';
import { fingerprintOf, parseIdempotencyKey } from './idempotent-request.js';

describe('fingerprintOf', () => {
  const body = { title: 't', queries: [{ a: 1, b: [true, null] }], nested: { y: 'é', x: 2 } };

  it('is the same for the same method, path and body, whatever the key order', () => {
    const reordered = {
      nested: { x: 2, y: 'é' },
      queries: [{ b: [true, null], a: 1 }],
      title: 't',
    };
    expect(fingerprintOf('POST', '/api/v1/cases', reordered)).toBe(
      fingerprintOf('POST', '/api/v1/cases', body),
    );
  });

  it('differs with the path, the method, array order or any value', () => {
    const base = fingerprintOf('POST', '/api/v1/cases', body);
    expect(fingerprintOf('POST', '/api/v1/cases/x/queries', body)).not.toBe(base);
    expect(fingerprintOf('PUT', '/api/v1/cases', body)).not.toBe(base);
    expect(
      fingerprintOf('POST', '/api/v1/cases', { ...body, queries: [{ a: 1, b: [null, true] }] }),
    ).not.toBe(base);
    expect(fingerprintOf('POST', '/api/v1/cases', { ...body, title: 'T' })).not.toBe(base);
    // A key holding a separator cannot pass for another shape.
    expect(fingerprintOf('POST', '/p', { 'a":1,"b': 2 })).not.toBe(
      fingerprintOf('POST', '/p', { a: 1, b: 2 }),
    );
  });
});

describe('parseIdempotencyKey', () => {
  it('takes 1 to 255 printable ASCII characters', () => {
    expect(parseIdempotencyKey(['a'])).toBe('a');
    expect(parseIdempotencyKey(['order 42: retry #1'])).toBe('order 42: retry #1');
    expect(parseIdempotencyKey(['k'.repeat(255)])).toHaveLength(255);
  });

  it.each([[''], ['k'.repeat(256)], ['tab\there'], ['clé'], ['new\nline']])(
    'refuses %j, naming the header',
    (key) => {
      expect(() => parseIdempotencyKey([key])).toThrow(ValidationFailedError);
      try {
        parseIdempotencyKey([key]);
      } catch (error) {
        expect((error as ValidationFailedError).field).toBe('Idempotency-Key');
      }
    },
  );
});

describe('parseIdempotencyKey with the header sent twice', () => {
  it('refuses it, whatever each line holds', () => {
    expect(() => parseIdempotencyKey(['a', 'b'])).toThrow(ValidationFailedError);
  });
});
