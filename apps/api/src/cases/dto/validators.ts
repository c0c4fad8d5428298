import { Transform } from 'class-transformer';
import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { normalizeEmail } from '../domain/case.js';

const NUL = '\u0000';
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;
const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date without a time (`2025-10-01`), which filters read as a whole UTC day. */
export const isBareDate = (value: string): boolean => BARE_DATE.test(value);

function define(
  name: string,
  validate: (value: unknown) => boolean,
  message: (args: ValidationArguments) => string,
  options?: ValidationOptions,
) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message, ...options },
      validator: { validate },
    });
}

/** PostgreSQL cannot store U+0000 in text or jsonb; refuse it at the edge. */
export const HasNoNul = (options?: ValidationOptions) =>
  define(
    'hasNoNul',
    (value) => typeof value !== 'string' || !value.includes(NUL),
    (args) => `${args.property} must not contain NUL characters`,
    options,
  );

export const IsNotBlank = (options?: ValidationOptions) =>
  define(
    'isNotBlank',
    (value) => typeof value === 'string' && value.trim() !== '',
    (args) => `${args.property} must not be blank`,
    options,
  );

/** Any JSON value whose serialized form fits in `maxBytes` and holds no NUL character. */
export const IsStorableJson = (maxBytes: number, options?: ValidationOptions) =>
  define(
    'isStorableJson',
    (value) => {
      const text = JSON.stringify(value);
      return (
        text !== undefined && Buffer.byteLength(text, 'utf8') <= maxBytes && !containsNul(value)
      );
    },
    (args) =>
      `${args.property} must be a JSON value of at most ${maxBytes / 1024} KiB without NUL characters`,
    options,
  );

/** An RFC 3339 timestamp with its offset, no later than now plus `skewMs`. */
export const IsPastTimestamp = (skewMs: number, options?: ValidationOptions) =>
  define(
    'isPastTimestamp',
    (value) => {
      if (typeof value !== 'string' || !RFC3339.test(value)) return false;
      const time = Date.parse(value);
      return Number.isFinite(time) && time <= Date.now() + skewMs;
    },
    (args) => `${args.property} must be an ISO 8601 date-time with a time zone, not in the future`,
    options,
  );

/** ISO 8601 date (`2025-10-01`) or date-time with a time zone. */
export const IsIsoDateOrDateTime = (options?: ValidationOptions) =>
  define(
    'isIsoDateOrDateTime',
    (value) =>
      typeof value === 'string' &&
      (RFC3339.test(value) || isBareDate(value)) &&
      Number.isFinite(Date.parse(value)),
    (args) => `${args.property} must be an ISO 8601 date or date-time with a time zone`,
    options,
  );

export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Normalizes an email as the domain stores it, before it is validated. */
export const NormalizeEmail = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normalizeEmail(value) : value,
  );

function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (Array.isArray(value)) return value.some(containsNul);
  if (value && typeof value === 'object') {
    return Object.entries(value).some(([key, item]) => key.includes(NUL) || containsNul(item));
  }
  return false;
}
