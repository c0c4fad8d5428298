import { Caller, ValidationFailedError } from '@app/core';
import { ActorMismatchError } from './identity.errors.js';

/**
 * Whom a write is recorded under. With a verified caller, the caller: a body may repeat
 * their email (letter case aside; DTOs lower-case it) or leave it out, and may not name
 * anyone else. Without authentication, whoever the body names, which it must then do.
 */
export function actingAs(
  caller: Caller | null,
  claimed: string | undefined,
  field: string,
): string {
  if (caller === null) {
    if (claimed === undefined) {
      throw new ValidationFailedError([
        { field, message: `${field} is required when requests are not authenticated` },
      ]);
    }
    return claimed;
  }
  if (claimed !== undefined && claimed.toLowerCase() !== caller.email) {
    throw new ActorMismatchError(field);
  }
  return caller.email;
}
