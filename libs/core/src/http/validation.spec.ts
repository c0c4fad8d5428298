import { describe, expect, it } from '@jest/globals';
import type { ValidationError } from 'class-validator';
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
