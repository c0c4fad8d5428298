import {
  applyDecorators,
  CanActivate,
  ExecutionContext,
  Injectable,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Request } from 'express';
import { requestContextOf } from '@app/core';
import { ForbiddenError, UnauthenticatedError } from './identity.errors.js';

export const Scopes = {
  CASES_READ: 'cases:read',
  CASES_WRITE: 'cases:write',
} as const;
export type Scope = (typeof Scopes)[keyof typeof Scopes];

/** The OpenAPI security scheme's name; Swagger UI's "Authorize" fills it. */
export const BEARER_SCHEME = 'bearer';

const REQUIRED_SCOPE = 'identity:required-scope';

/**
 * The scope an operation needs, enforced by {@link ScopeGuard} and declared in the
 * document. Its 401 and 403 answers are listed with the operation's other errors.
 */
export const RequiresScope = (scope: Scope) =>
  applyDecorators(SetMetadata(REQUIRED_SCOPE, scope), ApiBearerAuth(BEARER_SCHEME));

/**
 * Lets a request through when its caller holds the operation's scope. Authentication
 * (before routing) has named the caller or refused the request; when it is off there is
 * no caller and nothing to check.
 */
@Injectable()
export class ScopeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly enabled: boolean,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const scope = this.reflector.getAllAndOverride<Scope | undefined>(REQUIRED_SCOPE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!this.enabled) return true;
    const req = context.switchToHttp().getRequest<Request>();
    if (scope === undefined) {
      // An API operation that names no scope would take any valid token: a bug, not a default.
      if (/^\/api\//i.test(req.path)) {
        throw new Error(`${req.method} ${req.path} declares no scope (@RequiresScope)`);
      }
      return true;
    }
    const { caller } = requestContextOf(req);
    if (caller === null) throw new UnauthenticatedError('a bearer token is required', false);
    if (!caller.scopes.includes(scope)) throw new ForbiddenError(scope);
    return true;
  }
}
