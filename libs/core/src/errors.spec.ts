import { describe, expect, it } from '@jest/globals';
import { AppError, CoreErrors, defineErrorCodes, registeredErrorCodes } from './errors.js';

describe('error code registry', () => {
  it('registers a feature’s codes with their statuses and owner', () => {
    const codes = defineErrorCodes('widgets', { WIDGET_MISSING: 404, WIDGET_LOCKED: 423 });
    expect(codes.WIDGET_LOCKED).toEqual({ code: 'WIDGET_LOCKED', status: 423, owner: 'widgets' });
    expect(registeredErrorCodes()).toContainEqual(codes.WIDGET_MISSING);
  });

  it('refuses a code that another owner already registered', () => {
    expect(() => defineErrorCodes('gadgets', { VALIDATION_ERROR: 400 })).toThrow(
      'error code VALIDATION_ERROR is already registered by core',
    );
  });

  it('lists the catalog by status, then by name', () => {
    const listed = registeredErrorCodes().map(({ status, code }) => `${status} ${code}`);
    expect(listed).toEqual(
      [...listed].sort((a, b) => Number(a.slice(0, 3)) - Number(b.slice(0, 3)) || (a < b ? -1 : 1)),
    );
  });

  it('gives an AppError the status of its code', () => {
    const error = new AppError(CoreErrors.RATE_LIMITED, 'slow down');
    expect([error.code, error.status, error.field]).toEqual(['RATE_LIMITED', 429, null]);
    expect(error.details()).toEqual([{ code: 'RATE_LIMITED', message: 'slow down', field: null }]);
  });
});
