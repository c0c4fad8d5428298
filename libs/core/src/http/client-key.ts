import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { requestContextOf } from './request-context.js';

/**
 * Who a request comes from, for per-client limits: the verified caller when there is one,
 * else its IP as Express sees it (`req.ip`, which believes TRUST_PROXY_HOPS hops of
 * X-Forwarded-For), an IPv6 address reduced to its /56 so one host cannot pose as many
 * clients by cycling through the addresses of its own network. A request whose token was
 * refused has no caller, so it counts against its IP.
 */
export function clientKeyOf(req: Request): string {
  const caller = requestContextOf(req).caller;
  if (caller) return `caller:${caller.email}`;
  return ipKeyGenerator(req.ip ?? req.socket.remoteAddress ?? 'unknown');
}

/** A controller parameter: the current request's client, as {@link clientKeyOf} names it. */
export const ClientKey = createParamDecorator((_data: unknown, context: ExecutionContext) =>
  clientKeyOf(context.switchToHttp().getRequest<Request>()),
);
