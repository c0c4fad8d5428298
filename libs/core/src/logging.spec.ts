import { describe, expect, it } from '@jest/globals';
import { correlationIdFor } from './logging.js';

describe('correlationIdFor', () => {
  it('keeps a safe id and replaces anything else', () => {
    expect(correlationIdFor('abc-1.2:3_x')).toBe('abc-1.2:3_x');
    expect(correlationIdFor('bad id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlationIdFor(['a', 'b'])).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlationIdFor(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
