import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsString,
  Max,
  Min,
  registerDecorator,
  ValidateIf,
  ValidationArguments,
  ValidationOptions,
} from 'class-validator';
import { normalizeEmail } from '../domain/case.js';

// RFC 3339 pieces: a calendar date, and a time with its offset.
const DATE = '\\d{4}-\\d{2}-\\d{2}';
const TIME = 'T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})';
const RFC3339 = new RegExp(`^${DATE}${TIME}$`, 'i');
const BARE_DATE = new RegExp(`^${DATE}$`);

/** What IsCalendarDate accepts, as the OpenAPI document states it. */
export const CALENDAR_DATE_PATTERN = BARE_DATE.source;

/** What IsIsoDateOrDateTime accepts, as the OpenAPI document states it (letter case aside). */
export const ISO_DATE_OR_DATE_TIME_PATTERN = `^${DATE}(${TIME})?$`;

// Times outside these years are refused: PostgreSQL has no year 0, JavaScript reads
// years below 100 as 19xx, and nothing recorded here happened before 1900.
const MIN_YEAR = 1900;
const MAX_YEAR = 9999;
function isStorableTime(time: number): boolean {
  const year = new Date(time).getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** A calendar date without a time (`2025-10-01`), which filters read as a whole UTC day. */
export const isBareDate = (value: string): boolean => BARE_DATE.test(value);

function define(
  name: string,
  validate: (value: unknown) => boolean,
  message: (args: ValidationArguments) => string,
  options?: ValidationOptions,
) {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      options: { message, ...options },
      validator: { validate },
    });
}

/**
 * Characters as PostgreSQL counts them in `varchar(n)` and `char_length`: code points.
 * String lengths in JavaScript count UTF-16 units, and class-validator's length checks
 * also skip variation selectors, so both disagree with the column.
 */
export function charLength(text: string): number {
  let surrogatePairs = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) surrogatePairs += 1;
  }
  return text.length - surrogatePairs;
}

/** A string of `min` to `max` characters, counted as the database counts them. */
export const CharLength = (min: number, max: number, options?: ValidationOptions) =>
  define(
    'charLength',
    (value) => typeof value === 'string' && charLength(value) >= min && charLength(value) <= max,
    (args) =>
      min > 0
        ? `${args.property} must be ${min} to ${max} characters long`
        : `${args.property} must be at most ${max} characters long`,
    options,
  );

export const IsNotBlank = (options?: ValidationOptions) =>
  define(
    'isNotBlank',
    (value) => typeof value === 'string' && value.trim() !== '',
    (args) => `${args.property} must not be blank`,
    options,
  );

/** Any JSON value nested at most `maxDepth` levels whose serialized form fits in `maxBytes`. */
export const IsStorableJson = (maxBytes: number, maxDepth: number, options?: ValidationOptions) =>
  define(
    'isStorableJson',
    (value) => {
      // Depth first: serializing is recursive.
      if (jsonDepth(value) > maxDepth) return false;
      const text = JSON.stringify(value);
      return text !== undefined && Buffer.byteLength(text, 'utf8') <= maxBytes;
    },
    (args) =>
      `${args.property} must be a JSON value of at most ${maxBytes / 1024} KiB nested at most ${maxDepth} levels`,
    options,
  );

/** An RFC 3339 timestamp with its offset, no later than now plus `skewMs`. */
export const IsPastTimestamp = (skewMs: number, options?: ValidationOptions) =>
  define(
    'isPastTimestamp',
    (value) => {
      if (typeof value !== 'string' || !RFC3339.test(value)) return false;
      const time = Date.parse(value);
      return isStorableTime(time) && time <= Date.now() + skewMs;
    },
    (args) =>
      `${args.property} must be an ISO 8601 date-time with a time zone, in the years ${MIN_YEAR}–${MAX_YEAR}, not in the future`,
    options,
  );

/** ISO 8601 date (`2025-10-01`) or date-time with a time zone. */
export const IsIsoDateOrDateTime = (options?: ValidationOptions) =>
  define(
    'isIsoDateOrDateTime',
    (value) =>
      typeof value === 'string' &&
      (RFC3339.test(value) || isBareDate(value)) &&
      isStorableTime(Date.parse(value)),
    (args) =>
      `${args.property} must be an ISO 8601 date or date-time with a time zone, in the years ${MIN_YEAR}–${MAX_YEAR}`,
    options,
  );

/** A calendar date (`2025-10-01`) that exists, in the years the service stores. */
export const IsCalendarDate = (options?: ValidationOptions) =>
  define(
    'isCalendarDate',
    (value) =>
      typeof value === 'string' &&
      isBareDate(value) &&
      isStorableTime(Date.parse(value)) &&
      new Date(value).toISOString().startsWith(value),
    (args) =>
      `${args.property} must be a calendar date (YYYY-MM-DD) in the years ${MIN_YEAR}–${MAX_YEAR}`,
    options,
  );

/**
 * An optional property that may be left out but, when present, is never null:
 * class-validator's `IsOptional` lets `null` through, which the document does not allow.
 */
export const Omittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);

/**
 * Who performs a write (`created_by`, `changed_by`): the caller's email, which the body
 * may repeat or leave out when a token names the caller, and must give without one.
 * Whether it matches the caller is the identity slice's to say (`actingAs`).
 */
export const ActorEmail = (what: string) =>
  applyDecorators(
    ApiPropertyOptional({
      ...EMAIL_SCHEMA,
      description:
        `${what}; trimmed and stored lower-case. With a token it is the caller's email and ` +
        'may be left out (anyone else is 403 ACTOR_MISMATCH); with AUTH_MODE=off it is required.',
    }),
    Omittable(),
    IsString(),
    IsStoredEmail(),
  );

/** An email as the document states it. */
export const EMAIL_SCHEMA = {
  example: 'ana@example.com',
  format: 'email',
  minLength: 1,
  maxLength: 255,
} as const;

/** An email as records store it: trimmed, lower-cased, valid, 1–255 characters. */
export const IsStoredEmail = () => applyDecorators(NormalizeEmail(), IsEmail(), CharLength(1, 255));

/** A list filter on an email, any letter case. */
export const EmailFilter = (description: string) =>
  applyDecorators(
    ApiPropertyOptional({ ...EMAIL_SCHEMA, description }),
    Omittable(),
    IsStoredEmail(),
  );

export const Trim = () =>
  Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value));

/** Normalizes an email as the domain stores it, before it is validated. */
export const NormalizeEmail = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? normalizeEmail(value) : value,
  );

/** How deeply arrays and objects nest in a JSON value (a scalar is 0); iterative. */
function jsonDepth(root: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    for (const item of Object.values(value)) stack.push([item, depth + 1]);
  }
  return deepest;
}

const MAX_PAGE = 1_000_000;

/** `page` of a paged list: 1-based, optional. */
export const PageNumber = () =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 1 }),
    Omittable(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(MAX_PAGE),
  );

/** `page_size` of a paged list: 1 to `max`, `fallback` when absent. */
export const PageSize = (max: number, fallback: number) =>
  applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: max, default: fallback }),
    Omittable(),
    Type(() => Number),
    IsInt(),
    Min(1),
    Max(max),
  );
