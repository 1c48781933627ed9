// A signing client for the RPC API, as the official clients sign (docs/api/clients.md): v1 (HMAC-SHA1
// over every parameter, pop-core's way) or V3 (ACS3-HMAC-SHA256 over the query and the signed headers,
// openapi-client's way). The signing helpers are the server's own (src/api/signature.ts): one
// implementation of the algorithms, checked by the official clients in the test suite.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import { systemClock } from '../clock.js';
import { canonicalParts, canonicalQuery, type ParamValue } from '../api/percent-encode.js';
import { EMPTY_SHA256, hash, v1Sign, v1StringToSign, v3CanonicalRequest, v3Sign, v3StringToSign } from '../api/signature.js';

export const API_VERSION = '2017-05-25';

export type SignatureVersion = 'v1' | 'v3';
export type HttpMethod = 'GET' | 'POST';

export interface RpcClientOptions {
  endpoint: URL;
  accessKeyId: string;
  accessKeySecret: string;
  signature: SignatureVersion;
  method: HttpMethod;
  timeoutMs: number;
}

/** What the server answered: its HTTP status and its JSON body (`text` as sent, for a body that is not JSON). */
export interface RpcReply {
  status: number;
  body: Record<string, unknown> | null;
  text: string;
}

/** The server could not be reached, or its answer could not be read: not an answer of the API. */
export class TransportError extends Error {}

export type RpcCall = (action: string, params: ReadonlyMap<string, ParamValue>) => Promise<RpcReply>;

export function rpcClient(opts: RpcClientOptions): RpcCall {
  return async (action, params) => {
    const request = opts.signature === 'v1' ? signV1(opts, action, params) : signV3(opts, action, params);
    const url = new URL(opts.endpoint);
    url.search = request.query;
    const { status, text } = await send(url, opts.method, request, opts.timeoutMs);
    return { status, body: parseObject(text), text };
  };
}

/**
 * One request through node's own http(s) client (its agent keeps connections alive): fetch copied
 * each upload's body of megabytes into a stream of its own first, a tenth of `robotcall import`'s work.
 */
function send(url: URL, method: HttpMethod, request: SignedRequest, timeoutMs: number): Promise<{ status: number; text: string }> {
  const origin = url.origin;
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = byteLength(request.body);
    const req = (url.protocol === 'https:' ? https : http).request(url, { method, headers, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (err) => reject(new TransportError(`the answer of ${origin} broke off: ${err.message}`)));
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      const timedOut = err.name === 'TimeoutError' || (err.cause as Error | undefined)?.name === 'TimeoutError';
      reject(new TransportError(`cannot reach ${origin}: ${timedOut ? `no answer within ${timeoutMs / 1000} s` : (err.code ?? err.message)}`));
    });
    for (const part of request.body ?? []) req.write(part);
    req.end();
  });
}

/**
 * `body` is bytes, in parts: a canonical query is ASCII, so it is made as latin1 (one byte a character),
 * with an upload's megabytes of TtsParam as the bytes they were built as, hashed and sent part by part.
 */
interface SignedRequest { query: string; body: Buffer[] | undefined; headers: Record<string, string> }

const byteLength = (parts: readonly Buffer[]) => parts.reduce((n, p) => n + p.length, 0);

/** v1: the common parameters beside the action's, all signed; GET in the query, POST as a form body. */
function signV1(opts: RpcClientOptions, action: string, params: ReadonlyMap<string, ParamValue>): SignedRequest {
  const all = new Map<string, ParamValue>(params);
  for (const [k, v] of [
    ['Action', action], ['Format', 'JSON'], ['Version', API_VERSION], ['AccessKeyId', opts.accessKeyId],
    ['SignatureMethod', 'HMAC-SHA1'], ['SignatureVersion', '1.0'], ['SignatureNonce', nonce()], ['Timestamp', timestamp()],
  ] as const) all.set(k, v);
  all.set('Signature', v1Sign(v1StringToSign(opts.method, all), opts.accessKeySecret));
  return opts.method === 'GET'
    ? { query: canonicalQuery(all), body: undefined, headers: {} }
    : { query: '', body: canonicalParts(all), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

/**
 * V3: action, version, date and nonce in signed headers; parameters in the query for GET, and in a form
 * body for POST (covered by x-acs-content-sha256), so an upload of 100,000 numbers is not a 1 MiB URL.
 */
function signV3(opts: RpcClientOptions, action: string, params: ReadonlyMap<string, ParamValue>): SignedRequest {
  const query = opts.method === 'GET' ? params : new Map<string, ParamValue>();
  const body = opts.method === 'POST' ? canonicalParts(params) : undefined;
  const headers: Record<string, string> = {
    host: opts.endpoint.host,
    'x-acs-action': action,
    'x-acs-content-sha256': body === undefined || byteLength(body) === 0 ? EMPTY_SHA256 : hash('ACS3-HMAC-SHA256', body),
    'x-acs-date': timestamp(),
    'x-acs-signature-nonce': nonce(),
    'x-acs-version': API_VERSION,
  };
  const signedHeaders = Object.keys(headers);
  const canonical = v3CanonicalRequest({ method: opts.method, query, headers, signedHeaders, payloadHash: headers['x-acs-content-sha256']! });
  const signature = v3Sign('ACS3-HMAC-SHA256', v3StringToSign('ACS3-HMAC-SHA256', canonical), opts.accessKeySecret);
  headers.authorization = `ACS3-HMAC-SHA256 Credential=${opts.accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}`;
  if (body !== undefined && byteLength(body) > 0) headers['content-type'] = 'application/x-www-form-urlencoded';
  // The client sets Host itself, from the URL: the same value.
  const { host: _host, ...sent } = headers;
  return { query: canonicalQuery(query), body, headers: sent };
}

/** 32 hex characters, as pop-core and openapi-client send. */
const nonce = () => randomBytes(16).toString('hex');
/** yyyy-MM-ddTHH:mm:ssZ, UTC, without milliseconds (docs/api/README.md §2). */
const timestamp = () => new Date(systemClock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : null;
  } catch {
    return null;
  }
}
