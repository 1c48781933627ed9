// Collects an RPC request's parameters from the query string and a form body, fully decoded
// (api/CLIENTS.md §6.3–4: clients escape differently on the wire, so nothing is signed raw).
import { unescape } from 'node:querystring';

export interface RpcRequest {
  method: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  query: Map<string, string>;
  body: Map<string, string>;
  /** Query and form body together, the body winning on a clash. */
  params: Map<string, string>;
  rawBody: Buffer;
}

const EMPTY = Buffer.alloc(0);

export function readRpcRequest(
  method: string, url: string, headers: RpcRequest['headers'], rawBody: Buffer | undefined,
): RpcRequest {
  const q = url.indexOf('?');
  const query = decodeForm(q >= 0 ? url.slice(q + 1) : '');
  const body = isForm(headers['content-type']) && rawBody?.length ? decodeForm(rawBody.toString('utf8')) : new Map<string, string>();
  const params = body.size === 0 ? query : new Map([...query, ...body]);
  return { method, headers, query, body, params, rawBody: rawBody ?? EMPTY };
}

function isForm(contentType: string | string[] | undefined): boolean {
  const ct = Array.isArray(contentType) ? contentType[0] : contentType;
  return ct !== undefined && ct.toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/**
 * `a=1&b=x%20y`; `+` is a space as in any form encoding; the first of a repeated name wins.
 * A hand-rolled split: URLSearchParams cost more than the whole signature check on the hot path.
 */
export function decodeForm(text: string): Map<string, string> {
  const out = new Map<string, string>();
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('&', start);
    if (end < 0) end = text.length;
    if (end > start) {
      let eq = text.indexOf('=', start);
      if (eq < 0 || eq > end) eq = end;
      const key = decodePart(text.slice(start, eq));
      if (!out.has(key)) out.set(key, eq < end ? decodePart(text.slice(eq + 1, end)) : '');
    }
    start = end + 1;
  }
  return out;
}

function decodePart(s: string): string {
  if (s.indexOf('%') < 0 && s.indexOf('+') < 0) return s;
  const spaced = s.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // A malformed escape (`%zz`, a lone `%`) is kept as it is, as URLSearchParams would.
    return unescape(spaced);
  }
}

export function header(req: Pick<RpcRequest, 'headers'>, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
