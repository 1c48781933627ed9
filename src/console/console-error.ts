// The console API's one error shape, {"error": {"code", "message"}} (docs/console.md), and how every
// failure becomes it: the application's refusals keep the RPC API's codes and words.
import type { FastifyReply } from 'fastify';
import type { Logger } from 'pino';
import { knownApiError } from '../api/gateway.js';

export class ConsoleError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

const STATUS_OF_CODE: Record<string, number> = { 'isv.TASK_NOT_FOUND': 404, 'isv.CALL_RECORD_NOT_FOUND': 404, 'isv.TASK_STATUS_NOT_ALLOWED': 409 };

export function toConsoleError(err: unknown, log: Logger): ConsoleError {
  if (err instanceof ConsoleError) return err;
  const known = knownApiError(err);
  if (known) return new ConsoleError(STATUS_OF_CODE[known.code] ?? (known.status >= 500 ? 500 : 400), known.code, known.message);
  const e = err as { code?: string; statusCode?: number };
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || e.statusCode === 413) return new ConsoleError(413, 'RequestTooLarge', 'The body is too large.');
  if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) return new ConsoleError(e.statusCode, 'BadRequest', String((err as Error).message));
  log.error({ err }, 'unexpected error in the console API');
  return new ConsoleError(500, 'InternalError', 'The request failed; the server log says why.');
}

export function sendConsoleError(reply: FastifyReply, err: ConsoleError) {
  return reply.code(err.status).headers(err.headers).type('application/json').send({ error: { code: err.code, message: err.message } });
}

/** Under /console/api/, every failure (one fastify answers before any route, too) is this JSON. */
export const isConsoleApiUrl = (url: string) => url === '/console/api' || url.startsWith('/console/api/') || url.startsWith('/console/api?');

export function sendConsoleFailure(reply: FastifyReply, err: unknown, log: Logger, method: string, url: string) {
  const failure = err === null
    ? new ConsoleError(404, 'NotFound', `No console route ${method} ${url.split('?')[0]!.slice(0, 200)}.`)
    : toConsoleError(err, log);
  return sendConsoleError(reply, failure);
}
