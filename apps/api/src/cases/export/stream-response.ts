import { once } from 'node:events';
import type { ServerResponse } from 'node:http';
import { toAppError } from '@app/core';

/** The client closed the connection before the response was complete. */
export class ClientGoneError extends Error {
  constructor() {
    super('the client closed the connection');
    this.name = 'ClientGoneError';
  }
}

/** Aborts, with a {@link ClientGoneError}, when `res` closes before it is complete. */
export function abortWhenClosed(res: ServerResponse): AbortSignal {
  const controller = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) controller.abort(new ClientGoneError());
  });
  return controller.signal;
}

export interface StreamedBody {
  contentType: string;
  /** Offered to the client to save it as (`Content-Disposition: attachment`). */
  filename: string;
  /** Written with the first chunk (a header row). */
  head: string;
  chunks: AsyncIterable<string>;
}

/** The few logger methods a stream reports through (pino's and nestjs-pino's). */
export interface StreamLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * Writes `body` to `res` chunk by chunk, waiting for `drain` whenever the socket's buffer
 * is full, so a slow client slows the reading down instead of filling memory.
 *
 * Nothing is sent before the first chunk exists: an error until then (the database is
 * unavailable, say) is thrown to the exception filter and answered in the envelope with
 * its status. After the first byte the status is sent and cannot change: an error then
 * destroys the connection, so the client sees a transfer cut short (no final chunk of the
 * chunked encoding) rather than a file that merely looks complete, and is logged. When
 * `signal` aborts (the client went away) writing stops and nothing more is read.
 */
export async function streamResponse(
  res: ServerResponse,
  body: StreamedBody,
  signal: AbortSignal,
  log: StreamLog,
): Promise<void> {
  const chunks = body.chunks[Symbol.asyncIterator]();
  let next: IteratorResult<string>;
  try {
    next = await chunks.next();
  } catch (error) {
    if (!signal.aborted) throw error;
    log.info({}, 'export stopped before its first byte: the client went away');
    return;
  }
  res.statusCode = 200;
  res.setHeader('Content-Type', body.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${body.filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  let bytes = 0;
  const send = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!res.write(text)) await once(res, 'drain', { signal });
  };
  try {
    await send(body.head + (next.done ? '' : next.value));
    while (!(next = await chunks.next()).done) await send(next.value);
    res.end();
    log.info({ context: { bytes } }, 'export written');
  } catch (error) {
    // Lets the reading side finish (it holds no connection between its reads).
    await chunks.return?.();
    if (signal.aborted) {
      log.info({ context: { bytes } }, 'export stopped: the client went away');
      return;
    }
    logBrokenStream(log, error, bytes);
    res.destroy();
  }
}

function logBrokenStream(log: StreamLog, thrown: unknown, bytes: number): void {
  const { error, expected } = toAppError(thrown);
  const original = thrown instanceof Error ? thrown : new Error(String(thrown));
  const fields = {
    context: { bytes },
    error: {
      type: original.name,
      message: original.message,
      code: error.code,
      ...(expected ? {} : { stack: original.stack }),
    },
  };
  const message = `export cut short after ${bytes} bytes, connection closed: ${error.message}`;
  if (expected) log.warn(fields, message);
  else log.error(fields, message);
}
