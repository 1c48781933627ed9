// SIP messages (RFC 3261 §7, §20): parsed from the wire and written back. Headers are kept in order as
// [name, value] with names in lower case and compact forms expanded, so a message read and written
// again says the same thing. Everything a peer sends is bounded: a message larger than MAX_MESSAGE, a
// start line or header that does not parse, or a Content-Length that disagrees with the body is
// refused with a SipParseError (the transport drops it).

/** A UDP datagram cannot be larger; a TCP peer sending more in one message is not a trunk we talk to. */
export const MAX_MESSAGE = 65_535;
const MAX_HEADERS = 200;

export class SipParseError extends Error {}

export interface SipRequest {
  kind: 'request';
  method: string;
  uri: string;
  headers: Array<[string, string]>;
  body: string;
}

export interface SipResponse {
  kind: 'response';
  status: number;
  reason: string;
  headers: Array<[string, string]>;
  body: string;
}

export type SipMessage = SipRequest | SipResponse;

/** RFC 3261 §7.3.3 compact forms, plus the ones RFC 3515/3892/4028 added that trunks send. */
const COMPACT: Record<string, string> = {
  i: 'call-id', m: 'contact', e: 'content-encoding', l: 'content-length', c: 'content-type', f: 'from',
  s: 'subject', k: 'supported', t: 'to', v: 'via', o: 'event', r: 'refer-to', b: 'referred-by', x: 'session-expires',
};

/** How header names are written back: RFC 3261 spelling for the ones we send or read. */
const SPELLING: Record<string, string> = {
  'call-id': 'Call-ID', cseq: 'CSeq', 'www-authenticate': 'WWW-Authenticate', 'p-asserted-identity': 'P-Asserted-Identity',
};

const TOKEN = /^[A-Za-z0-9\-.!%*_+`'~]+$/;
const REQUEST_LINE = /^([A-Za-z0-9\-.!%*_+`'~]+) (\S+) SIP\/2\.0$/;
const STATUS_LINE = /^SIP\/2\.0 ([1-6]\d\d) ?(.*)$/;

/** Parses one whole message (a datagram, or one framed from a stream by stream-framer.ts). */
export function parseMessage(data: Buffer | string): SipMessage {
  const text = typeof data === 'string' ? data : data.toString('utf8');
  if (Buffer.byteLength(text) > MAX_MESSAGE) throw new SipParseError(`message larger than ${MAX_MESSAGE} bytes`);
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) throw new SipParseError('no empty line after the headers');
  const lines = unfold(text.slice(0, end).split('\r\n'));
  const startLine = lines.shift() ?? '';
  if (hasControl(startLine)) throw new SipParseError('a control character in the start line');
  const headers = lines.map(parseHeaderLine);
  if (headers.length > MAX_HEADERS) throw new SipParseError(`more than ${MAX_HEADERS} headers`);
  const body = bodyOf(text.slice(end + 4), headers);
  const request = REQUEST_LINE.exec(startLine);
  if (request) return { kind: 'request', method: request[1]!.toUpperCase(), uri: request[2]!, headers, body };
  const status = STATUS_LINE.exec(startLine);
  if (status) return { kind: 'response', status: Number(status[1]), reason: status[2]!, headers, body };
  throw new SipParseError(`not a SIP start line: ${JSON.stringify(startLine.slice(0, 80))}`);
}

/** Header lines continued on the next line (starting with a space or tab) are joined, as §7.3.1 allows. */
function unfold(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if ((line.startsWith(' ') || line.startsWith('\t')) && out.length > 1) out[out.length - 1] += ` ${line.trim()}`;
    else out.push(line);
  }
  return out;
}

function parseHeaderLine(line: string): [string, string] {
  const colon = line.indexOf(':');
  const name = colon > 0 ? line.slice(0, colon).trim() : '';
  if (!TOKEN.test(name)) throw new SipParseError(`not a header line: ${JSON.stringify(line.slice(0, 80))}`);
  const value = line.slice(colon + 1).trim();
  // Lines end with CRLF (§7): a lone CR or LF, or another control character, inside a value is
  // refused here, never copied into a response or request of ours.
  if (hasControl(value)) throw new SipParseError(`a control character in header ${name}`);
  const lower = name.toLowerCase();
  return [COMPACT[lower] ?? lower, value];
}

/** A C0 control other than tab (whitespace), or DEL. */
export function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) return true;
  }
  return false;
}

function bodyOf(rest: string, headers: ReadonlyArray<[string, string]>): string {
  const declared = headers.find(([n]) => n === 'content-length')?.[1];
  if (declared === undefined) return rest; // allowed on UDP (§18.3); the stream framer always has one
  if (!/^\d{1,5}$/.test(declared)) throw new SipParseError(`bad Content-Length: ${JSON.stringify(declared.slice(0, 20))}`);
  const bytes = Buffer.from(rest, 'utf8');
  const length = Number(declared);
  if (length > bytes.length) throw new SipParseError(`Content-Length ${length} but ${bytes.length} bytes of body`);
  return bytes.subarray(0, length).toString('utf8');
}

/** The first value of a header (names in lower case), or undefined. */
export function header(m: Pick<SipMessage, 'headers'>, name: string): string | undefined {
  return m.headers.find(([n]) => n === name)?.[1];
}

/**
 * Every value of a header, a comma-separated line split into its values (§7.3.1), commas inside
 * quotes or <…> kept. Not for the authentication headers, whose parameters are comma-separated.
 */
export function headerValues(m: Pick<SipMessage, 'headers'>, name: string): string[] {
  const out: string[] = [];
  for (const [n, v] of m.headers) if (n === name) out.push(...splitList(v));
  return out;
}

export function splitList(value: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  let angle = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '\\' && quoted) {
      current += ch + (value[++i] ?? '');
      continue;
    }
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '<') angle = true;
    else if (!quoted && ch === '>') angle = false;
    if (ch === ',' && !quoted && !angle) {
      if (current.trim()) out.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim()) out.push(current.trim());
  return out;
}

/** Writes a message for the wire; Content-Length is always set from the body. */
export function serializeMessage(m: SipMessage): Buffer {
  if (m.kind === 'request' && (!TOKEN.test(m.method) || !/^\S+$/.test(m.uri) || hasControl(m.uri))) throw new Error('not a request line robotcall may send');
  const start = m.kind === 'request' ? `${m.method} ${m.uri} SIP/2.0` : `SIP/2.0 ${m.status} ${m.reason}`;
  const body = Buffer.from(m.body, 'utf8');
  const lines = [start];
  for (const [name, value] of m.headers) {
    if (name === 'content-length') continue;
    if (/[\r\n]/.test(value)) throw new Error(`header ${name} holds a line break`);
    lines.push(`${spell(name)}: ${value}`);
  }
  lines.push(`Content-Length: ${body.length}`, '', '');
  return Buffer.concat([Buffer.from(lines.join('\r\n'), 'utf8'), body]);
}

function spell(name: string): string {
  return SPELLING[name] ?? name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}
