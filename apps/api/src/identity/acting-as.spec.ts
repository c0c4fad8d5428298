import { describe, expect, it } from '@jest/globals';
import { ValidationFailedError } from '@app/core';
import { actingAs } from './acting-as.js';
import { ActorMismatchError } from './identity.errors.js';

describe('actingAs', () => {
  const ana = { email: 'ana@example.com', scopes: ['cases:write'] };

  it('is the caller when the body leaves the actor out or repeats them', () => {
    expect(actingAs(ana, undefined, 'created_by')).toBe('ana@example.com');
    expect(actingAs(ana, 'Ana@Example.com', 'created_by')).toBe('ana@example.com');
  });

  it('refuses anyone else, naming the field', () => {
    expect(() => actingAs(ana, 'bo@example.com', 'changed_by')).toThrow(ActorMismatchError);
  });

  it("without a caller, is the body's claim, which is then required", () => {
    expect(actingAs(null, 'bo@example.com', 'created_by')).toBe('bo@example.com');
    expect(() => actingAs(null, undefined, 'created_by')).toThrow(ValidationFailedError);
  });
});
