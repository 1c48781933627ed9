// The RPC endpoint `/`: authenticate, parse the action's parameters, run it, render the envelope.
// This is the one error boundary of the API: anything thrown becomes a D1 envelope, never a stack.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { ACTIONS, NOT_IMPLEMENTED } from './action-table.js';
import type { ActionContext } from './action.js';
import { authenticate, requestFormat, type AuthDeps } from './authenticate.js';
import { newRequestId, renderError, renderResult, type Rendered } from './envelope.js';
import { ApiError } from './errors.js';
import { parseParams } from './param-schema.js';
import { readRpcRequest } from './request-params.js';
import { DomainError } from '../domain/errors.js';
import type { Store } from '../store/store.js';

export const MAX_URL_BYTES = 1024 * 1024;

export interface GatewayDeps {
  auth: Omit<AuthDeps, 'checkAction'>;
  store: Store;
  engineNow: () => number;
  timezone: string;
  publicUrl: string | null;
  log: Logger;
}

export function checkAction(action: string): void {
  if (ACTIONS[action]) return;
  const why = NOT_IMPLEMENTED[action];
  throw new ApiError('InvalidAction.NotFound', why ? `${action} is a Dyvmsapi action robotcall does not serve: ${why}.` : '');
}

export function rpcHandler(deps: GatewayDeps) {
  const authDeps: AuthDeps = { ...deps.auth, checkAction };
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const requestId = newRequestId();
    const req = readRpcRequest(request.method, request.url, request.headers, request.body as Buffer | undefined);
    let format = requestFormat(req);
    let rendered: Rendered;
    try {
      if (request.url.length > MAX_URL_BYTES) throw new ApiError('RequestTooLarge', `the URL is over ${MAX_URL_BYTES} bytes.`);
      if (request.method !== 'GET' && request.method !== 'POST') throw new ApiError('UnsupportedHTTPMethod', request.method);
      const auth = await authenticate(req, authDeps);
      format = auth.format;
      const def = ACTIONS[auth.action]!;
      const params = parseParams(def.params, req.params);
      const host = request.headers.host ?? 'localhost';
      const base = deps.publicUrl ?? `${request.protocol}://${host}`;
      const ctx: ActionContext = {
        store: deps.store,
        account: auth.account,
        now: deps.engineNow,
        timezone: deps.timezone,
        fileUrl: (fileName) => `${base}/files/${fileName}.xlsx`,
      };
      rendered = renderResult(auth.action, format, requestId, await def.handle(params, ctx));
    } catch (err) {
      rendered = renderError(toApiError(err, deps.log, requestId), format, requestId, hostId(request));
    }
    return reply.code(rendered.status).headers(rendered.headers).type(rendered.contentType).send(rendered.body);
  };
}

export function toApiError(err: unknown, log: Logger, requestId: string): ApiError {
  if (err instanceof ApiError) return err;
  if (err instanceof DomainError) return new ApiError(err.code, err.detail);
  log.error({ err, requestId }, 'unexpected error while handling a request');
  return new ApiError('InternalError');
}

/** HostId echoes the host the client addressed, as Alibaba's echoes its endpoint. */
export function hostId(request: FastifyRequest): string {
  return request.headers.host ?? 'dyvmsapi.aliyuncs.com';
}
