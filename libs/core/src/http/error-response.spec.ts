import {
  ConflictException,
  HttpException,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { describe, expect, it } from '@jest/globals';
import type { Request } from 'express';
import { AppError, defineErrorCodes } from '../errors.js';
import { toAppError } from './error-response.js';

const req = (method: string, path: string) => ({ method, path }) as Request;

describe('toAppError', () => {
  it('keeps an AppError, whatever feature registered its code', () => {
    const { GONE_FOR_GOOD } = defineErrorCodes('spec', { GONE_FOR_GOOD: 410 });
    const error = new AppError(GONE_FOR_GOOD, 'gone');
    expect(toAppError(error)).toEqual({ error, expected: true });
  });

  it("answers Nest's unmatched route with 404, or 405 when other methods serve the path", () => {
    const none = toAppError(new NotFoundException(), req('GET', '/x'), () => []);
    expect([none.error.code, none.error.message]).toEqual([
      'ROUTE_NOT_FOUND',
      'no route for GET /x',
    ]);
    const other = toAppError(new NotFoundException(), req('PUT', '/x'), () => ['GET', 'HEAD']);
    expect([other.error.code, other.error.status]).toEqual(['METHOD_NOT_ALLOWED', 405]);
  });

  it('maps the framework exceptions it knows by type', () => {
    expect(toAppError(new PayloadTooLargeException()).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('treats any other HttpException as a bug, whatever its status', () => {
    // A feature's 409 must never be guessed from Nest's ConflictException.
    for (const thrown of [new ConflictException(), new HttpException('teapot', 418)]) {
      const { error, expected } = toAppError(thrown);
      expect([error.code, error.status, expected]).toEqual(['INTERNAL_ERROR', 500, false]);
    }
  });

  it('maps body-parser failures by their type', () => {
    const parse = Object.assign(new Error('bad'), { type: 'entity.parse.failed' });
    expect(toAppError(parse).error.code).toBe('MALFORMED_JSON');
  });
});
