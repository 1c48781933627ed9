// Digest authentication of requests to the trunk (RFC 3261 §22, RFC 2617, RFC 8760): a 401 or 407
// carries a challenge; the request goes again with the credentials that answer it. MD5 and SHA-256;
// qop "auth" or none (auth-int, which hashes the body, is not offered by the trunks we target).
import { createHash, randomBytes } from 'node:crypto';
import { SipParseError } from './message.js';

export interface Challenge {
  realm: string;
  nonce: string;
  algorithm: 'MD5' | 'SHA-256';
  opaque: string | null;
  /** True when the challenge offers qop=auth. */
  qopAuth: boolean;
  stale: boolean;
}

/** Parses a WWW-Authenticate or Proxy-Authenticate value; null for a scheme or algorithm we cannot answer. */
export function parseChallenge(value: string): Challenge | null {
  const m = /^\s*Digest\s+(.*)$/is.exec(value);
  if (!m) return null;
  const p = parseAuthParams(m[1]!);
  if (p.realm === undefined || p.nonce === undefined) throw new SipParseError('a digest challenge without realm or nonce');
  const algorithm = (p.algorithm ?? 'MD5').toUpperCase();
  if (algorithm !== 'MD5' && algorithm !== 'SHA-256') return null;
  const qops = (p.qop ?? '').split(',').map((q) => q.trim().toLowerCase());
  if (p.qop !== undefined && !qops.includes('auth')) return null;
  return {
    realm: p.realm, nonce: p.nonce, algorithm, opaque: p.opaque ?? null,
    qopAuth: qops.includes('auth'), stale: (p.stale ?? '').toLowerCase() === 'true',
  };
}

/** `a="x, y", b=z` → {a: 'x, y', b: 'z'} (the commas of these headers separate parameters). */
export function parseAuthParams(text: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  const re = /\s*([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))\s*,?/gy;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m[0] !== '') {
    out[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!;
  }
  return out;
}

export interface Credentials { username: string; password: string }

export interface AnswerInput {
  challenge: Challenge;
  credentials: Credentials;
  method: string;
  uri: string;
  /** Counts the requests answered with this nonce (RFC 2617 nc), from 1. */
  nonceCount: number;
  /** Fixed in tests; random otherwise. */
  cnonce?: string;
}

/** The Authorization / Proxy-Authorization value answering a challenge. */
export function answerChallenge(a: AnswerInput): string {
  const { challenge: c, credentials } = a;
  const h = (s: string) => createHash(c.algorithm === 'MD5' ? 'md5' : 'sha256').update(s, 'utf8').digest('hex');
  const ha1 = h(`${credentials.username}:${c.realm}:${credentials.password}`);
  const ha2 = h(`${a.method}:${a.uri}`);
  const nc = a.nonceCount.toString(16).padStart(8, '0');
  const cnonce = a.cnonce ?? randomBytes(8).toString('hex');
  const response = c.qopAuth ? h(`${ha1}:${c.nonce}:${nc}:${cnonce}:auth:${ha2}`) : h(`${ha1}:${c.nonce}:${ha2}`);
  const parts = [
    `username="${quote(credentials.username)}"`, `realm="${quote(c.realm)}"`, `nonce="${quote(c.nonce)}"`, `uri="${quote(a.uri)}"`,
    `response="${response}"`, `algorithm=${c.algorithm}`,
  ];
  if (c.qopAuth) parts.push('qop=auth', `nc=${nc}`, `cnonce="${cnonce}"`);
  if (c.opaque !== null) parts.push(`opaque="${quote(c.opaque)}"`);
  return `Digest ${parts.join(', ')}`;
}

const quote = (s: string) => s.replace(/(["\\])/g, '\\$1');
