import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiProperty,
  ApiResponse,
  getSchemaPath,
  OpenAPIObject,
} from '@nestjs/swagger';
import { CoreErrors, ErrorCode, registeredErrorCodes } from '../errors.js';

const ERROR_CODE_SCHEMA = 'ErrorCode';

export class ErrorItem {
  // The enum is filled in by documentErrorCodes, once every feature has registered its codes.
  @ApiProperty({ example: 'VALIDATION_ERROR', allOf: [{ $ref: getSchemaPath(ERROR_CODE_SCHEMA) }] })
  code!: string;

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
  const byStatus = new Map<number, string[]>();
  for (const { code, status } of [
    ...codes,
    CoreErrors.INTERNAL_ERROR,
    CoreErrors.SERVICE_UNAVAILABLE,
  ]) {
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return applyDecorators(
    ApiExtraModels(ErrorEnvelope),
    ...[...byStatus.entries()].map(([status, group]) =>
      ApiResponse({ status, description: group.join(' | '), type: ErrorEnvelope }),
    ),
  );
}

/** Lists every registered error code in the document's `ErrorCode` schema. */
export function documentErrorCodes(document: OpenAPIObject): OpenAPIObject {
  const components = (document.components ??= {});
  components.schemas = {
    [ERROR_CODE_SCHEMA]: {
      type: 'string',
      enum: registeredErrorCodes().map((errorCode) => errorCode.code),
    },
    ...components.schemas,
  };
  return document;
}

/** The catalog as the README lists it: one Markdown bullet per code. */
export function errorCodesMarkdown(): string {
  return registeredErrorCodes()
    .map(({ code, status, owner }) => `- \`${code}\` ${status} (${owner})`)
    .join('\n');
}
