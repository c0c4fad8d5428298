import { ArgumentMetadata, Injectable, PipeTransform, ValidationPipe } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import type { ValidationError } from 'class-validator';
import { FieldProblem, ValidationFailedError } from '../errors.js';
import { findUnsafeJson } from './json-guard.js';

/**
 * class-validator's error tree as one problem per invalid field, named by its path in
 * the body: `queries[2].query_text`.
 */
export function toFieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const constraints = Object.entries(error.constraints ?? {});
    const own: FieldProblem[] =
      constraints.length === 0
        ? []
        : [
            {
              field,
              message:
                constraints[0][0] === 'whitelistValidation'
                  ? `${field} is not an allowed property`
                  : constraints[0][1],
            },
          ];
    return [...own, ...toFieldProblems(error.children ?? [], field)];
  });
}

/**
 * The global pipe: DTOs are transformed and validated, unknown properties and query
 * parameters are errors, and a body that is not a JSON object never reaches a DTO. Before
 * any of that, bodies and query strings are checked for what nothing downstream can take
 * (see {@link findUnsafeJson}).
 */
@Injectable()
export class AppValidationPipe implements PipeTransform {
  private readonly inner = new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationFailedError(toFieldProblems(errors)),
  });

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (
      metadata.type === 'body' &&
      (typeof value !== 'object' || value === null || Array.isArray(value))
    ) {
      throw new ValidationFailedError([
        { field: null, message: 'request body must be a JSON object' },
      ]);
    }
    if (metadata.type === 'body' || metadata.type === 'query') {
      const unsafe = findUnsafeJson(value);
      if (unsafe) throw new ValidationFailedError([unsafe]);
    }
    return this.inner.transform(value, metadata);
  }
}

/**
 * Says in the document what {@link AppValidationPipe} enforces on every body: no property
 * beyond its DTO's, nested DTOs included (`forbidNonWhitelisted`). Every object schema a
 * request body reaches through `$ref` gets `additionalProperties: false`; none is named here,
 * so a new body DTO is covered as soon as an operation takes it.
 */
export function documentClosedBodies(document: OpenAPIObject): OpenAPIObject {
  const schemas = document.components?.schemas ?? {};
  const reached = new Set<string>();
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const ref = (node as { $ref?: unknown }).$ref;
    if (typeof ref !== 'string') {
      Object.values(node).forEach(visit);
      return;
    }
    const name = ref.replace('#/components/schemas/', '');
    const schema = schemas[name];
    if (reached.has(name) || !schema || '$ref' in schema) return;
    reached.add(name);
    if (schema.type === 'object' && schema.properties) schema.additionalProperties ??= false;
    visit(schema);
  };
  for (const pathItem of Object.values(document.paths)) {
    for (const operation of Object.values(pathItem as Record<string, { requestBody?: unknown }>)) {
      visit(operation?.requestBody);
    }
  }
  return document;
}
