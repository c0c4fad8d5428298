import { describe, expect, it } from '@jest/globals';
import type { ValidationError } from 'class-validator';
import { correlationIdFor } from '../logging.js';
import { isJsonMediaType } from './http-setup.js';
import { toFieldProblems } from './validation.js';

const error = (
  property: string,
  constraints?: Record<string, string>,
  children: ValidationError[] = [],
) => ({ property, constraints, children }) as ValidationError;

describe('toFieldProblems', () => {
  it('names nested array fields by their path', () => {
    const tree = [
      error('title', { isNotBlank: 'title must not be blank' }),
      error('queries', undefined, [
        error('2', undefined, [error('query_text', { isLength: 'query_text must be longer' })]),
      ]),
      error('colour', { whitelistValidation: 'property colour should not exist' }),
    ];
    expect(toFieldProblems(tree)).toEqual([
      { field: 'title', message: 'title must not be blank' },
      { field: 'queries[2].query_text', message: 'query_text must be longer' },
      { field: 'colour', message: 'colour is not an allowed property' },
    ]);
  });
});

describe('isJsonMediaType', () => {
  it.each([
    ['application/json', true],
    ['application/json; charset=utf-8', true],
    ['Application/JSON', true],
    ['application/problem+json', true],
    ['text/plain', false],
    ['application/x-www-form-urlencoded', false],
    [undefined, false],
  ])('%s → %s', (type, expected) => {
    expect(isJsonMediaType(type)).toBe(expected);
  });
});

describe('correlationIdFor', () => {
  it('keeps a safe id and replaces anything else', () => {
    expect(correlationIdFor('abc-1.2:3_x')).toBe('abc-1.2:3_x');
    expect(correlationIdFor('bad id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlationIdFor(['a', 'b'])).toMatch(/^[0-9a-f-]{36}$/);
    expect(correlationIdFor(undefined)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
