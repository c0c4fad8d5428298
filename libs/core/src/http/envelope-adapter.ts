import { StreamableFile } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { Response } from 'express';
import { ok } from '../envelope.js';

// Express routes ignore letter case, so the API's prefix must too.
export const API_ROUTES = /^\/api\//i;

/**
 * Express, with the success envelope applied where Nest writes a handler's result: what
 * an `/api/...` route returns goes out as `{success: true, data, errors: []}`; health,
 * metrics and the API documents keep their own formats, and streamed bodies (the export
 * writes its own) are left alone. Errors get theirs from the exception filter. A global
 * interceptor did this before, and so put every request through Nest's RxJS pipeline
 * (about 60 µs of CPU a request here: docs/PERFORMANCE.md).
 */
export class EnvelopeExpressAdapter extends ExpressAdapter {
  override reply(response: Response, body: unknown, statusCode?: number): unknown {
    const enveloped = API_ROUTES.test(response.req.path) && !(body instanceof StreamableFile);
    return super.reply(response, enveloped ? ok(body) : body, statusCode);
  }
}
