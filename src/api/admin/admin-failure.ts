// Every failure under /_robotcall/ as the admin API's own `{"error": ...}` with its status, never the
// Alibaba envelope the RPC endpoint answers with: refusals, fastify's own 4xx (an oversized body),
// unknown routes, and the unexpected (500, details only in the log).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminError } from '../../admin/admin-error.js';

export const isAdminUrl = (url: string) => url === '/_robotcall' || url.startsWith('/_robotcall/') || url.startsWith('/_robotcall?');

export function sendAdminFailure(err: Error & { statusCode?: number; code?: string }, request: FastifyRequest, reply: FastifyReply, maxBodyBytes: number) {
  if (err instanceof AdminError) return reply.code(err.status).send({ error: err.message });
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) return reply.code(413).send({ error: `the body is over ${maxBodyBytes} bytes` });
  if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) return reply.code(err.statusCode).send({ error: err.message });
  request.log.error({ err, url: request.url }, 'unexpected error in the admin API');
  return reply.code(500).send({ error: 'internal error; the server log has the details' });
}

export function sendAdminNotFound(request: FastifyRequest, reply: FastifyReply) {
  return reply.code(404).send({ error: `no admin route ${request.method} ${request.url.split('?')[0]}` });
}
