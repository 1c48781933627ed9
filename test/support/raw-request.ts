// Hand-built signed requests for the cases the official clients cannot produce (stale timestamps,
// replayed nonces, wrong methods, oversized URLs). The v1 signer here is a second, deliberately
// plain implementation of docs/api/README.md §2.1, checked against its vectors in raw-request.test.ts.
import { createHmac, randomUUID } from 'node:crypto';

const pe = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export interface RawOptions {
  method?: string;
  accessKeyId: string;
  secret: string;
  timestamp?: string;
  nonce?: string;
  /** Overrides or removes (undefined) common parameters after defaults are set. */
  common?: Record<string, string | undefined>;
  /** Send params in a form body instead of the query. */
  inBody?: boolean;
  /** Corrupt the signature after computing it. */
  badSignature?: boolean;
}

export function signV1(params: Record<string, string>, opts: RawOptions): { method: string; query: string; body: string } {
  const method = opts.method ?? 'GET';
  const all: Record<string, string> = {
    Format: 'JSON', Version: '2017-05-25', AccessKeyId: opts.accessKeyId, SignatureMethod: 'HMAC-SHA1', SignatureVersion: '1.0',
    SignatureNonce: opts.nonce ?? randomUUID(), Timestamp: opts.timestamp ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), ...params,
  };
  for (const [k, v] of Object.entries(opts.common ?? {})) {
    if (v === undefined) delete all[k];
    else all[k] = v;
  }
  const canonical = Object.keys(all).sort().map((k) => `${pe(k)}=${pe(all[k]!)}`).join('&');
  const signMethod = ['GET', 'POST'].includes(method) ? method : 'GET';
  let signature = createHmac('sha1', `${opts.secret}&`).update(`${signMethod}&${pe('/')}&${pe(canonical)}`).digest('base64');
  if (opts.badSignature) signature = `A${signature.slice(1)}` === signature ? `B${signature.slice(1)}` : `A${signature.slice(1)}`;
  const encoded = `${canonical}&Signature=${pe(signature)}`;
  return opts.inBody ? { method, query: '', body: encoded } : { method, query: encoded, body: '' };
}

export interface RawReply {
  status: number;
  contentType: string;
  text: string;
  headers: Headers;
  json(): Record<string, unknown>;
}

export async function send(port: number, req: { method: string; query: string; body: string; headers?: Record<string, string> }): Promise<RawReply> {
  const res = await fetch(`http://127.0.0.1:${port}/${req.query ? `?${req.query}` : ''}`, {
    method: req.method,
    headers: { ...(req.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}), ...req.headers },
    body: req.body || undefined,
  });
  const text = await res.text();
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text, headers: res.headers, json: () => JSON.parse(text) };
}

export async function rawCall(port: number, action: string, params: Record<string, string>, opts: RawOptions): Promise<RawReply> {
  return send(port, signV1({ Action: action, ...params }, opts));
}
