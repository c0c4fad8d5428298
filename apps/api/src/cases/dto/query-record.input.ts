import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { NewQueryInput } from '../domain/case.js';
import {
  CharLength,
  EMAIL_SCHEMA,
  IsPastTimestamp,
  IsStorableJson,
  IsStoredEmail,
} from './validators.js';

export const MAX_RESULT_BYTES = 256 * 1024;
export const MAX_RESULT_DEPTH = 64;

/**
 * Any JSON value or null, as a `oneOf`: OpenAPI 3.0 has neither an "any" nor a "null" type,
 * and allows `nullable` only beside a `type`, so null rides on the object branch (the only
 * one it then matches). The object branch says `additionalProperties: true` because code
 * generators read a bare `{type: object}` as the empty object.
 */
export const ANY_JSON_OR_NULL = [
  { type: 'object', additionalProperties: true, nullable: true },
  { type: 'array', items: {} },
  { type: 'string' },
  { type: 'number' },
  { type: 'boolean' },
];
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/** One SQL query as recorded on a case. */
export class QueryRecordInput {
  @ApiProperty({ example: 'sales_db', minLength: 1, maxLength: 128 })
  @IsString()
  @CharLength(1, 128)
  database_name!: string;

  @ApiProperty({ example: 'public', minLength: 1, maxLength: 128 })
  @IsString()
  @CharLength(1, 128)
  schema_name!: string;

  @ApiProperty({
    example: "SELECT * FROM sales WHERE date >= '2025-10-01'",
    minLength: 1,
    maxLength: 100000,
  })
  @IsString()
  @CharLength(1, 100000)
  query_text!: string;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 0,
    maximum: 2147483647,
    nullable: true,
    example: 245,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2147483647)
  execution_time_ms?: number | null;

  @ApiPropertyOptional({
    type: 'integer',
    format: 'int64',
    minimum: 0,
    maximum: Number.MAX_SAFE_INTEGER,
    nullable: true,
    example: 1500,
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  rows_affected?: number | null;

  @ApiPropertyOptional({
    description: `Any JSON value (rows, a summary or a message), at most ${MAX_RESULT_BYTES / 1024} KiB serialized and nested at most ${MAX_RESULT_DEPTH} levels.`,
    oneOf: ANY_JSON_OR_NULL,
    example: { rows: [{ region: 'north', total: 1200 }] },
  })
  @IsOptional()
  @IsStorableJson(MAX_RESULT_BYTES, MAX_RESULT_DEPTH)
  // Keep the JSON value exactly as sent; class-transformer would rebuild objects and arrays.
  @Transform(({ obj }: { obj: Record<string, unknown> }) => obj.result)
  result?: unknown;

  @ApiPropertyOptional({
    type: 'string',
    ...EMAIL_SCHEMA,
    description: "Who ran it; defaults to the request's actor.",
    nullable: true,
  })
  @IsOptional()
  @IsStoredEmail()
  executed_by?: string | null;

  @ApiPropertyOptional({
    type: 'string',
    description:
      'When it ran (ISO 8601 with a time zone, years 1900–9999); defaults to the write time. At most 5 minutes in the future.',
    format: 'date-time',
    nullable: true,
  })
  @IsOptional()
  @IsPastTimestamp(CLOCK_SKEW_MS)
  executed_at?: string | null;
}

export function toNewQueryInput(dto: QueryRecordInput): NewQueryInput {
  return {
    databaseName: dto.database_name,
    schemaName: dto.schema_name,
    queryText: dto.query_text,
    executionTimeMs: dto.execution_time_ms ?? null,
    rowsAffected: dto.rows_affected ?? null,
    result: dto.result,
    executedBy: dto.executed_by ?? null,
    executedAt: dto.executed_at ? new Date(dto.executed_at) : null,
  };
}
