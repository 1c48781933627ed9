// Collects an RPC request's parameters from the query string and a form body, fully decoded
// (api/CLIENTS.md §6.3–4: clients escape differently on the wire, so nothing is signed raw).

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

/** `a=1&b=x%20y`; `+` is a space as in any form encoding; the first of a repeated name wins. */
function decodeForm(text: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!text) return out;
  for (const [k, v] of new URLSearchParams(text)) if (!out.has(k)) out.set(k, v);
  return out;
}

export function header(req: Pick<RpcRequest, 'headers'>, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
