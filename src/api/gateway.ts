// The RPC endpoint `/`: authenticate, parse the action's parameters, run it, render the envelope.
// It knows nothing of the HTTP server; rpc-listener.ts feeds it.
// This is the one error boundary of the API: anything thrown becomes a D1 envelope, never a stack.
import type { Logger } from 'pino';
import { ACTIONS, NOT_IMPLEMENTED } from './action-table.js';
import type { ActionContext } from './action.js';
import type { AccessLog } from './access-log.js';
import type { RecordingLinks } from './recording-links.js';
import { authenticate, requestFormat, type AuthDeps, type Authenticated, type ResponseFormat } from './authenticate.js';
import { newRequestId, renderError, renderResult, type Rendered } from './envelope.js';
import { ApiError, invalid, missing } from './errors.js';
import { parseParams } from './param-schema.js';
import { readRpcRequest, type RpcRequest } from './request-params.js';
import { InputError } from '../app/input-error.js';
import type { CallingHours } from '../domain/calling-hours.js';
import { DomainError } from '../domain/errors.js';
import { own } from '../domain/own.js';
import type { Store } from '../store/store.js';

export const MAX_URL_BYTES = 1024 * 1024;

export interface GatewayDeps {
  auth: Omit<AuthDeps, 'checkAction'>;
  store: Store;
  engineNow: () => number;
  /** Tells the engine a task changed, so it acts without waiting for its next poll. */
  wakeEngine: () => void;
  callingHours: CallingHours | null;
  timezone: string;
  /** Base of called-file links: --public-url, else the server's own address, never the request's Host. */
  fileBase: () => string;
  recordings: RecordingLinks;
  log: Logger;
  /** null when info is off. */
  accessLog: AccessLog | null;
}

export function checkAction(action: string): void {
  if (own(ACTIONS, action)) return;
  const why = own(NOT_IMPLEMENTED, action);
  throw new ApiError('InvalidAction.NotFound', why ? `${action} is a Dyvmsapi action robotcall does not serve: ${why}.` : '');
}

export interface RpcInput {
  method: string;
  url: string;
  headers: RpcRequest['headers'];
  body: Buffer | undefined;
  protocol: 'http' | 'https';
}

export interface RpcHandler {
  (input: RpcInput): Promise<Rendered>;
  /** The envelope (and access line) for a request refused before it was read, e.g. an oversized body. */
  refuse(input: Pick<RpcInput, 'method' | 'url' | 'headers'>, err: ApiError): Rendered;
}

/** One RPC call, independent of the HTTP server: request in, rendered envelope out, never a throw. */
export function rpcHandler(deps: GatewayDeps): RpcHandler {
  const authDeps: AuthDeps = { ...deps.auth, checkAction };
  const access = deps.accessLog;
  const handle = async (input: RpcInput): Promise<Rendered> => {
    const requestId = newRequestId();
    const startedAt = access ? access.start() : 0;
    let format: ResponseFormat = 'JSON';
    let req: RpcRequest | null = null;
    let auth: Authenticated | null = null;
    let rendered: Rendered;
    try {
      req = readRpcRequest(input.method, input.url, input.headers, input.body);
      format = requestFormat(req);
      if (input.url.length > MAX_URL_BYTES) throw new ApiError('RequestTooLarge', `the URL is over ${MAX_URL_BYTES} bytes.`);
      if (input.method !== 'GET' && input.method !== 'POST') throw new ApiError('UnsupportedHTTPMethod', input.method);
      auth = await authenticate(req, authDeps);
      format = auth.format;
      const def = own(ACTIONS, auth.action)!;
      const params = parseParams(def.params, req.params);
      const base = deps.fileBase();
      const ctx: ActionContext = {
        store: deps.store,
        account: auth.account,
        now: deps.engineNow,
        wakeEngine: deps.wakeEngine,
        callingHours: deps.callingHours,
        timezone: deps.timezone,
        fileUrl: (fileName) => `${base}/files/${fileName}.xlsx`,
        recordingUrl: (taskId, callId) => deps.recordings.url(base, taskId, callId),
        recordings: deps.recordings,
        by: 'api',
        action: auth.action,
        log: deps.log,
      };
      rendered = renderResult(auth.action, format, requestId, await def.handle(params, ctx));
      access?.write(startedAt, requestId, 'OK', 200, auth, req);
    } catch (err) {
      const error = toApiError(err, deps.log, requestId);
      rendered = renderError(error, format, requestId, hostId(input.headers));
      access?.write(startedAt, requestId, error.code, rendered.status, auth, req);
    }
    return rendered;
  };
  const refuse = (input: Pick<RpcInput, 'method' | 'url' | 'headers'>, err: ApiError): Rendered => {
    const requestId = newRequestId();
    const rendered = errorEnvelope(input, err, requestId);
    access?.write(access.start(), requestId, err.code, rendered.status, null, readRpcRequest(input.method, input.url, input.headers, undefined));
    return rendered;
  };
  return Object.assign(handle, { refuse });
}

/**
 * An error envelope for a request that never reached the pipeline (unknown path, oversized body,
 * fastify's own errors), in the format the request asked for as far as it can be told.
 */
export function errorEnvelope(req: Pick<RpcInput, 'method' | 'url' | 'headers'>, err: ApiError, requestId = newRequestId()): Rendered {
  const format = requestFormat(readRpcRequest(req.method, req.url, req.headers, undefined));
  return renderError(err, format, requestId, hostId(req.headers));
}

/** A refusal in the catalogue's terms (the API's own, the domain's, the application's), or null for anything unexpected. */
export function knownApiError(err: unknown): ApiError | null {
  if (err instanceof ApiError) return err;
  if (err instanceof DomainError) return new ApiError(err.code, err.detail);
  if (err instanceof InputError) return err.kind === 'missing' ? missing(err.field) : invalid(err.field, err.detail);
  return null;
}

export function toApiError(err: unknown, log: Logger, requestId: string): ApiError {
  const known = knownApiError(err);
  if (known) return known;
  log.error({ err, requestId }, 'unexpected error while handling a request');
  return new ApiError('InternalError');
}

/** HostId echoes the host the client addressed, as Alibaba's echoes its endpoint. */
export function hostId(headers: RpcRequest['headers'], fallback = 'dyvmsapi.aliyuncs.com'): string {
  const host = headers.host;
  return (Array.isArray(host) ? host[0] : host) ?? fallback;
}
