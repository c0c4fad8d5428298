import { ArgumentMetadata, Injectable, PipeTransform, ValidationPipe } from '@nestjs/common';
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
