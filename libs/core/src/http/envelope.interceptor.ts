import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { map, Observable } from 'rxjs';
import { ok } from '../envelope.js';

const RAW_RESPONSE = 'core:raw-response';

/** Opts a controller out of the envelope (health probes keep their own format). */
export const RawResponse = () => SetMetadata(RAW_RESPONSE, true);

/** Wraps every handler's return value as `{success: true, data, errors: []}`. */
@Injectable()
export class EnvelopeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const raw = this.reflector.getAllAndOverride<boolean>(RAW_RESPONSE, [
      context.getHandler(),
      context.getClass(),
    ]);
    return raw ? next.handle() : next.handle().pipe(map((data: unknown) => ok(data)));
  }
}
