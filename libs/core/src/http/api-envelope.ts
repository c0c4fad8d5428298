import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ERROR_CATALOG, ERROR_CODES } from '../errors.js';
import type { ErrorCode } from '../errors.js';

export class ErrorItem {
  @ApiProperty({ enum: ERROR_CODES, enumName: 'ErrorCode', example: 'VALIDATION_ERROR' })
  code!: ErrorCode;

  @ApiProperty({ example: 'title must not be blank' })
  message!: string;

  @ApiProperty({
    type: 'string',
    nullable: true,
    example: 'queries[2].query_text',
    description: 'Path of the offending field in the request, or null.',
  })
  field!: string | null;
}

export class ErrorEnvelope {
  @ApiProperty({ enum: [false], example: false }) success!: false;
  @ApiProperty({
    type: 'object',
    properties: {},
    nullable: true,
    example: null,
    description: 'Always null.',
  })
  data!: null;
  @ApiProperty({ type: () => [ErrorItem], minItems: 1 }) errors!: ErrorItem[];
}

/** Documents a success response as `{success: true, data: <model>, errors: []}`. */
export function ApiEnvelopeResponse(status: number, model: Type<unknown>, description: string) {
  return applyDecorators(
    ApiExtraModels(model, ErrorItem),
    ApiResponse({
      status,
      description,
      schema: {
        type: 'object',
        required: ['success', 'data', 'errors'],
        properties: {
          success: { type: 'boolean', enum: [true] },
          data: { $ref: getSchemaPath(model) },
          errors: { type: 'array', maxItems: 0, items: { $ref: getSchemaPath(ErrorItem) } },
        },
      },
    }),
  );
}

/** Documents the enveloped error responses an operation can return, grouped by status. */
export function ApiErrorResponses(...codes: ErrorCode[]) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of [...codes, 'INTERNAL_ERROR', 'SERVICE_UNAVAILABLE'] as ErrorCode[]) {
    const status = ERROR_CATALOG[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ApiExtraModels(ErrorEnvelope),
    ...[...byStatus.entries()].map(([status, group]) =>
      ApiResponse({ status, description: group.join(' | '), type: ErrorEnvelope }),
    ),
  );
}
