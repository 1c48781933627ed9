// Collects an RPC request's parameters from the query string and a form body, fully decoded
// (docs/api/clients.md §6.3–4: clients escape differently on the wire, so nothing is signed raw).
import { isAscii } from 'node:buffer';
import { unescape } from 'node:querystring';
import { own } from '../domain/own.js';

export interface RpcRequest {
  method: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  query: Map<string, string>;
  body: ReadonlyMap<string, string>;
  /** Query and form body together, the body winning on a clash. */
  params: Map<string, string>;
  rawBody: Buffer;
  /** The raw text that carries the parameters (query or form body), '' when both do. */
  wireText: string;
}

const EMPTY = Buffer.alloc(0);
// Shared by every request without a form body; never written to.
const NO_PARAMS: ReadonlyMap<string, string> = new Map();

export function readRpcRequest(
  method: string, url: string, headers: RpcRequest['headers'], rawBody: Buffer | undefined,
): RpcRequest {
  const q = url.indexOf('?');
  const query = decodeForm(q >= 0 ? url.slice(q + 1) : '');
  const body = isForm(headers['content-type']) && rawBody?.length ? decodeFormBytes(rawBody) : NO_PARAMS;
  const params = body.size === 0 ? query : new Map([...query, ...body]);
  // The body as text only for v1's fast path (authenticate.ts), the one user of wireText: an upload's
  // form body is megabytes, and nearly always ASCII (percent-encoded), which latin1 copies as it is.
  const wireText = body.size === 0 ? (q >= 0 ? url.slice(q + 1) : '')
    : query.size === 0 && body.has('Signature') ? rawBody!.toString(isAscii(rawBody!) ? 'latin1' : 'utf8') : '';
  return { method, headers, query, body, params, rawBody: rawBody ?? EMPTY, wireText };
}

// Only characters a canonical (RFC 3986-encoded) query can hold.
const CANONICAL_CHARS = /^[A-Za-z0-9\-_.~%=&]*$/;

/**
 * pop-core sends its parameters exactly as it signed them: sorted, RFC 3986-encoded, `Signature`
 * last. For such text the v1 canonical string is the text before `&Signature=` and re-encoding can
 * be skipped (bench/: ~9 µs of 25 per request). Null unless it looks canonical: characters of an
 * encoded query only, names strictly ascending, `Signature` last and once. A text that passes but
 * was signed differently simply fails the fast comparison and takes the full path (authenticate.ts).
 */
export function canonicalWireText(text: string): string | null {
  const cut = text.lastIndexOf('&Signature=');
  if (cut <= 0 || text.indexOf('&', cut + 1) >= 0) return null;
  const head = text.slice(0, cut);
  if (!CANONICAL_CHARS.test(head) || head.startsWith('Signature=') || head.includes('&Signature=')) return null;
  let previous = '';
  const equalsFrom = (i: number) => head.indexOf('=', i);
  let equals = -1;
  for (let start = 0; start < head.length;) {
    let end = head.indexOf('&', start);
    if (end < 0) end = head.length;
    equals = nextEquals(equals, start, equalsFrom, head.length);
    const eq = Math.min(equals, end);
    const name = head.slice(start, eq);
    if (name <= previous) return null;
    previous = name;
    start = end + 1;
  }
  return head;
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
  return splitForm({ length: text.length, next: (c, from) => text.indexOf(c, from), decode: (from, to) => decodePart(text.slice(from, to)) });
}

/** A form's text or bytes, as splitForm reads them. */
interface FormSource {
  length: number;
  /** Where the next `c` is at or after `from`, or -1. */
  next(c: '&' | '=', from: number): number;
  decode(from: number, to: number): string;
}

/** `a=1&b=2` into names and values; the first of a repeated name wins. */
function splitForm(form: FormSource): Map<string, string> {
  const out = new Map<string, string>();
  const equalsFrom = (i: number) => form.next('=', i);
  let equals = -1;
  let start = 0;
  while (start < form.length) {
    let end = form.next('&', start);
    if (end < 0) end = form.length;
    if (end > start) {
      equals = nextEquals(equals, start, equalsFrom, form.length);
      const eq = Math.min(equals, end);
      const key = form.decode(start, eq);
      if (!out.has(key)) out.set(key, eq < end ? form.decode(eq + 1, end) : '');
    }
    start = end + 1;
  }
  return out;
}

function decodePart(s: string): string {
  const plus = s.indexOf('+') >= 0;
  if (!plus && s.indexOf('%') < 0) return s;
  const spaced = plus ? s.replace(/\+/g, ' ') : s;
  try {
    return decodeURIComponent(spaced);
  } catch {
    // A malformed escape (`%zz`, a lone `%`) is kept as it is, as URLSearchParams would.
    return unescape(spaced);
  }
}

/**
 * decodeForm over the body's bytes, each part decoded from its bytes: `%XX` and `+` unescaped into a
 * scratch buffer, then read as UTF-8 (invalid sequences become U+FFFD, as URLSearchParams reads them;
 * a BOM is kept as the character it is; request-params.test.ts checks both against URLSearchParams).
 * Turning an upload's megabytes into text first, then decodeURIComponent over them, was an eighth of
 * the server's work in a 300,000-row import.
 */
export function decodeFormBytes(body: Buffer): Map<string, string> {
  return splitForm({ length: body.length, next: (c, from) => body.indexOf(c === '&' ? 0x26 : 0x3d, from), decode: (from, to) => decodeBytes(body, from, to) });
}

let scratch = Buffer.alloc(0);

function decodeBytes(bytes: Buffer, from: number, to: number): string {
  if (scratch.length < to - from) scratch = Buffer.allocUnsafe(Math.max(to - from, 2 * scratch.length));
  let w = 0;
  for (let i = from; i < to; i++) {
    let c = bytes[i]!;
    if (c === 0x2b) c = 0x20;
    else if (c === 0x25 && i + 2 < to) {
      const hi = hexValue(bytes[i + 1]!);
      const lo = hexValue(bytes[i + 2]!);
      if (hi >= 0 && lo >= 0) {
        c = hi * 16 + lo;
        i += 2;
      }
    }
    scratch[w++] = c;
  }
  return scratch.toString('utf8', 0, w);
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/**
 * Where the first '=' at or after `start` is (`length` when there is none): the last search's answer
 * while it is still ahead, so each '=' is searched for once. Searching from every part to the end of
 * the text was quadratic in the parts: 2 MiB of `a&a&…`, sent before any signature is checked, held
 * the server for 15 s.
 */
function nextEquals(found: number, start: number, search: (from: number) => number, length: number): number {
  if (found >= start) return found;
  const at = search(start);
  return at < 0 ? length : at;
}

export function header(req: Pick<RpcRequest, 'headers'>, name: string): string | undefined {
  const v = own(req.headers, name);
  return Array.isArray(v) ? v[0] : v;
}
