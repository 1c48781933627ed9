// A signing client for the RPC API, as the official clients sign (docs/api/clients.md): v1 (HMAC-SHA1
// over every parameter, pop-core's way) or V3 (ACS3-HMAC-SHA256 over the query and the signed headers,
// openapi-client's way). The signing helpers are the server's own (src/api/signature.ts): one
// implementation of the algorithms, checked by the official clients in the test suite.
import { randomBytes } from 'node:crypto';
import { systemClock } from '../clock.js';
import { canonicalQuery, type ParamValue } from '../api/percent-encode.js';
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
    let res: Response;
    try {
      res = await fetch(url, {
        method: opts.method, headers: request.headers, body: request.body,
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      const why = e.name === 'TimeoutError' ? `no answer within ${opts.timeoutMs / 1000} s` : (e.cause?.code ?? e.cause?.message ?? e.message);
      throw new TransportError(`cannot reach ${opts.endpoint.origin}: ${why}`);
    }
    const text = await res.text().catch((err: Error) => { throw new TransportError(`the answer of ${opts.endpoint.origin} broke off: ${err.message}`); });
    return { status: res.status, body: parseObject(text), text };
  };
}

/**
 * `body` is bytes: a canonical query is ASCII, so it is made once as latin1 (one byte a character) and
 * both hashed and sent as such, rather than converted to UTF-8 twice (an upload's body is megabytes).
 */
interface SignedRequest { query: string; body: Buffer<ArrayBuffer> | undefined; headers: Record<string, string> }

/** v1: the common parameters beside the action's, all signed; GET in the query, POST as a form body. */
function signV1(opts: RpcClientOptions, action: string, params: ReadonlyMap<string, ParamValue>): SignedRequest {
  const all = new Map<string, ParamValue>(params);
  for (const [k, v] of [
    ['Action', action], ['Format', 'JSON'], ['Version', API_VERSION], ['AccessKeyId', opts.accessKeyId],
    ['SignatureMethod', 'HMAC-SHA1'], ['SignatureVersion', '1.0'], ['SignatureNonce', nonce()], ['Timestamp', timestamp()],
  ] as const) all.set(k, v);
  all.set('Signature', v1Sign(v1StringToSign(opts.method, all), opts.accessKeySecret));
  const encoded = canonicalQuery(all);
  return opts.method === 'GET'
    ? { query: encoded, body: undefined, headers: {} }
    : { query: '', body: Buffer.from(encoded, 'latin1'), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

/**
 * V3: action, version, date and nonce in signed headers; parameters in the query for GET, and in a form
 * body for POST (covered by x-acs-content-sha256), so an upload of 100,000 numbers is not a 1 MiB URL.
 */
function signV3(opts: RpcClientOptions, action: string, params: ReadonlyMap<string, ParamValue>): SignedRequest {
  const query = opts.method === 'GET' ? params : new Map<string, ParamValue>();
  const body = opts.method === 'POST' ? Buffer.from(canonicalQuery(params), 'latin1') : undefined;
  const headers: Record<string, string> = {
    host: opts.endpoint.host,
    'x-acs-action': action,
    'x-acs-content-sha256': body === undefined || body.length === 0 ? EMPTY_SHA256 : hash('ACS3-HMAC-SHA256', body),
    'x-acs-date': timestamp(),
    'x-acs-signature-nonce': nonce(),
    'x-acs-version': API_VERSION,
  };
  const signedHeaders = Object.keys(headers);
  const canonical = v3CanonicalRequest({ method: opts.method, query, headers, signedHeaders, payloadHash: headers['x-acs-content-sha256']! });
  const signature = v3Sign('ACS3-HMAC-SHA256', v3StringToSign('ACS3-HMAC-SHA256', canonical), opts.accessKeySecret);
  headers.authorization = `ACS3-HMAC-SHA256 Credential=${opts.accessKeyId},SignedHeaders=${signedHeaders.join(';')},Signature=${signature}`;
  if (body !== undefined && body.length > 0) headers['content-type'] = 'application/x-www-form-urlencoded';
  // fetch sets Host itself, from the URL: the same value.
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
