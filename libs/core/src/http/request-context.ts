import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';

/** Who sent a request, as a verified token names them. */
export interface Caller {
  /** The token's `email` claim, lower-cased. */
  readonly email: string;
  /** The token's `scope` claim, split on spaces. */
  readonly scopes: readonly string[];
}

/**
 * What the edge learnt about one request, for the layers after it: the caller once a token
 * is verified (null when authentication is off). Controllers take it as a parameter
 * (`@Ctx()`) and put what a use case needs into its command; nothing reads it from ambient
 * state.
 */
export class RequestContext {
  caller: Caller | null = null;
}

const contexts = new WeakMap<IncomingMessage, RequestContext>();

/** The request's context, created on first use. */
export function requestContextOf(req: IncomingMessage): RequestContext {
  let context = contexts.get(req);
  if (!context) {
    context = new RequestContext();
    contexts.set(req, context);
  }
  return context;
}

/** A controller parameter: the current request's {@link RequestContext}. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  requestContextOf(context.switchToHttp().getRequest<Request>()),
);
