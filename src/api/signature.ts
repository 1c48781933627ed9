// Signature verification: v1 (HMAC-SHA1, `Signature` parameter) and V3 (ACS3-HMAC-SHA256/SM3 header).
// Both follow docs/api/README.md §2 and docs/api/clients.md §3: decode fully and re-encode, since clients escape
// differently on the wire; raw wire text is used only where it already is the canonical form.
import { createHash, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { canonicalQuery, percentEncode, type ParamValue } from './percent-encode.js';
import { own } from '../domain/own.js';

export const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** The v1 string to sign: METHOD&%2F&pe(canonical(params minus Signature)). */
export function v1StringToSign(method: string, params: ReadonlyMap<string, ParamValue>): string {
  return v1WireStringToSign(method, canonicalQuery(params, 'Signature'));
}

/** The v1 string to sign from a canonical query string (built, or found on the wire: canonicalWireText). */
export function v1WireStringToSign(method: string, canonical: string): string {
  return `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

// Importing the key is part of every createHmac call; a KeyObject made once per secret saves
// ~1 µs of the ~7.5 an HMAC costs per request (cold-cache measurement). Bounded, since any-key
// mode could otherwise grow it with every secret ever presented.
const hmacKeys = new Map<string, KeyObject>();
function hmacKey(material: string): KeyObject {
  let key = hmacKeys.get(material);
  if (!key) {
    if (hmacKeys.size >= 10_000) hmacKeys.clear();
    key = createSecretKey(Buffer.from(material, 'utf8'));
    hmacKeys.set(material, key);
  }
  return key;
}

export function v1Sign(stringToSign: string, secret: string): string {
  return createHmac('sha1', hmacKey(`${secret}&`)).update(stringToSign, 'utf8').digest('base64');
}

export const V3_ALGORITHMS = { 'ACS3-HMAC-SHA256': 'sha256', 'ACS3-HMAC-SM3': 'sm3' } as const;
export type V3Algorithm = keyof typeof V3_ALGORITHMS;

export interface V3Authorization {
  algorithm: string;
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses `ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex`; null when malformed. */
export function parseV3Authorization(header: string): V3Authorization | null {
  const space = header.indexOf(' ');
  if (space <= 0) return null;
  const algorithm = header.slice(0, space);
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!accessKeyId || !signedHeaders || !signature) return null;
  return { algorithm, accessKeyId, signedHeaders: signedHeaders.split(';'), signature };
}

export interface V3Request {
  method: string;
  query: ReadonlyMap<string, ParamValue>;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  signedHeaders: readonly string[];
  payloadHash: string;
}

export function v3CanonicalRequest(req: V3Request): string {
  const names = [...req.signedHeaders].map((h) => h.toLowerCase()).sort();
  const headerBlock = names.map((h) => `${h}:${headerValue(own(req.headers, h)).trim()}\n`).join('');
  return [req.method, '/', canonicalQuery(req.query), headerBlock, names.join(';'), req.payloadHash].join('\n');
}

export function v3StringToSign(algorithm: V3Algorithm, canonicalRequest: string): string {
  return `${algorithm}\n${hash(algorithm, canonicalRequest)}`;
}

export function v3Sign(algorithm: V3Algorithm, stringToSign: string, secret: string): string {
  return createHmac(V3_ALGORITHMS[algorithm], hmacKey(secret)).update(stringToSign, 'utf8').digest('hex');
}

export function hash(algorithm: V3Algorithm, data: string | Buffer | readonly Buffer[]): string {
  const digest = createHash(V3_ALGORITHMS[algorithm]);
  if (typeof data === 'string' || Buffer.isBuffer(data)) digest.update(data);
  else for (const part of data) digest.update(part);
  return digest.digest('hex');
}

/**
 * Constant-time comparison, so a mismatch position cannot be timed. Signatures are ASCII (base64
 * or hex); comparing char codes avoids the two Buffer copies timingSafeEqual needs, which showed
 * on the hot path.
 */
export function sameSignature(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

function headerValue(v: string | string[] | undefined): string {
  return Array.isArray(v) ? v.join(',') : (v ?? '');
}
