// The parts of SIP header values a user agent client reads (RFC 3261 §20, §25.1): name-addr
// (From, To, Contact, Record-Route), header parameters (tag, branch), Via and CSeq.
import { SipParseError } from './message.js';

export interface NameAddr {
  /** The URI inside <…>, or the bare URI. */
  uri: string;
  /** Header parameters after the address (;tag=…), names in lower case; a bare one is ''. */
  params: Record<string, string>;
}

/** `"Name" <sip:u@h;uri-params>;tag=x`, `<sip:u@h>`, or a bare `sip:u@h;tag=x` (whose ;params are the header's, §20.10). */
export function parseNameAddr(value: string): NameAddr {
  const open = openAngle(value);
  if (open >= 0) {
    const close = value.indexOf('>', open);
    if (close < 0) throw new SipParseError(`unclosed <: ${JSON.stringify(value.slice(0, 80))}`);
    return { uri: value.slice(open + 1, close).trim(), params: parseParams(value.slice(close + 1)) };
  }
  const semi = value.indexOf(';');
  const uri = (semi < 0 ? value : value.slice(0, semi)).trim();
  if (!/^sips?:/i.test(uri) && !/^tel:/i.test(uri)) throw new SipParseError(`not an address: ${JSON.stringify(value.slice(0, 80))}`);
  return { uri, params: semi < 0 ? {} : parseParams(value.slice(semi)) };
}

/** Where the address's `<` is: the first one outside a quoted display name. */
function openAngle(value: string): number {
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && quoted) i++;
    else if (ch === '"') quoted = !quoted;
    else if (ch === '<' && !quoted) return i;
  }
  return -1;
}

/** `;a=1;b;c="x"` → {a: '1', b: '', c: 'x'}. */
export function parseParams(text: string): Record<string, string> {
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const part of text.split(';')) {
    const p = part.trim();
    if (!p) continue;
    const eq = p.indexOf('=');
    const name = (eq < 0 ? p : p.slice(0, eq)).trim().toLowerCase();
    const raw = eq < 0 ? '' : p.slice(eq + 1).trim();
    params[name] = raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2 ? raw.slice(1, -1) : raw;
  }
  return params;
}

export interface Via { transport: string; host: string; port: number | null; params: Record<string, string> }

/** `SIP/2.0/UDP host:port;branch=z9hG4bK…`. */
export function parseVia(value: string): Via {
  const m = /^SIP\s*\/\s*2\.0\s*\/\s*([A-Za-z]+)\s+([^;\s]+)(.*)$/.exec(value.trim());
  if (!m) throw new SipParseError(`bad Via: ${JSON.stringify(value.slice(0, 80))}`);
  const hostPort = m[2]!;
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
  const [host, port] = v6 ? [v6[1]!, v6[2]] : hostPort.split(':');
  return { transport: m[1]!.toUpperCase(), host: host!, port: port === undefined ? null : Number(port), params: parseParams(m[3]!) };
}

export interface CSeq { seq: number; method: string }

export function parseCSeq(value: string): CSeq {
  const m = /^(\d{1,10})\s+([A-Za-z]+)$/.exec(value.trim());
  if (!m) throw new SipParseError(`bad CSeq: ${JSON.stringify(value.slice(0, 40))}`);
  return { seq: Number(m[1]), method: m[2]!.toUpperCase() };
}

export interface SipUri { user: string | null; host: string; port: number | null; params: Record<string, string> }

/** A sip: or sips: URI robotcall may send a request to: a host name or IP address, nothing that breaks a start line. */
export function isSipUri(uri: string): boolean {
  if (!/^sips?:[^\s<>"]+$/i.test(uri)) return false;
  try {
    return /^([A-Za-z0-9-]+\.)*[A-Za-z0-9-]+\.?$|^[0-9a-fA-F:.]+$/.test(parseSipUri(uri).host);
  } catch {
    return false;
  }
}

/** `sip:user@host:port;transport=tcp` (no headers part: a user agent client never needs one). */
export function parseSipUri(uri: string): SipUri {
  const m = /^sips?:(?:([^@;]+)@)?(\[[^\]]+\]|[^:;?]+)(?::(\d{1,5}))?([^?]*)/i.exec(uri.trim());
  if (!m) throw new SipParseError(`not a SIP URI: ${JSON.stringify(uri.slice(0, 80))}`);
  return { user: m[1] ?? null, host: m[2]!.replace(/^\[|\]$/g, ''), port: m[3] ? Number(m[3]) : null, params: parseParams(m[4]!) };
}
