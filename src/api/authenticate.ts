// Resolves a request to an account, in the order of docs/decisions.md D2:
// Format → Action/Version → key → timestamp → signature → throttle → nonce (parameters come after).
import { ApiError, MAX_DETAIL_CHARS, boundDetail, invalid, missing } from './errors.js';
import { canonicalWireText, header, type RpcRequest } from './request-params.js';
import {
  EMPTY_SHA256, V3_ALGORITHMS, hash, parseV3Authorization, sameSignature, v1Sign, v1StringToSign, v1WireStringToSign,
  v3CanonicalRequest, v3Sign, v3StringToSign, type V3Algorithm, type V3Authorization,
} from './signature.js';
import { ACCESS_KEY_ID } from './key-resolver.js';
import type { NonceCache } from './nonce-cache.js';
import type { Throttle } from './throttle.js';
import type { AccessKey, Account } from '../domain/types.js';

export const API_VERSION = '2017-05-25';
export type ResponseFormat = 'JSON' | 'XML';

export interface ResolvedKey {
  key: AccessKey;
  account: Account;
}

export interface KeyResolver {
  /** The stored key and its account; null if unknown. Never creates anything. */
  find(accessKeyId: string): Promise<ResolvedKey | null>;
  /** any-key mode: the account of a new AccessKeyId, made once a request of it is verified. Null in strict mode. */
  readonly adopt: ((accessKeyId: string) => Promise<ResolvedKey>) | null;
  /**
   * The secret signatures are checked with (null: a new key in any-key mode); null = check only
   * their form (any-key without a secret, for a key with no secret of its own).
   */
  secretFor(found: ResolvedKey | null): string | null;
  readonly acceptSecurityToken: boolean;
}

export interface AuthDeps {
  keys: KeyResolver;
  nonces: NonceCache;
  throttle: Throttle | null;
  wallNow: () => number;
  /** Throws InvalidAction.NotFound for an action robotcall does not serve. */
  checkAction: (action: string) => void;
}

export interface Authenticated {
  action: string;
  format: ResponseFormat;
  account: Account;
  accessKeyId: string;
}

/** How far a signed Timestamp / x-acs-date may be from the wall clock (docs/api/README.md §2.1, §3.3). */
export const TIMESTAMP_WINDOW_MS = 15 * 60_000;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/;
const V3_REQUIRED = ['host', 'x-acs-action', 'x-acs-version', 'x-acs-date', 'x-acs-signature-nonce', 'x-acs-content-sha256'];

/** The format errors are rendered in before authentication succeeds: V3 → JSON; v1 → its Format, XML by default. */
export function requestFormat(req: RpcRequest): ResponseFormat {
  if (isV3(req)) return 'JSON';
  return req.params.get('Format')?.toUpperCase() === 'JSON' ? 'JSON' : 'XML';
}

export function isV3(req: RpcRequest): boolean {
  return header(req, 'authorization')?.startsWith('ACS3-') ?? false;
}

export async function authenticate(req: RpcRequest, deps: AuthDeps): Promise<Authenticated> {
  const v3 = isV3(req);
  const format = v3 ? 'JSON' : checkFormat(req.params.get('Format'));
  const action = v3 ? header(req, 'x-acs-action') : req.params.get('Action');
  if (!action) throw missing('Action');
  deps.checkAction(action);
  const version = v3 ? header(req, 'x-acs-version') : req.params.get('Version');
  if (!version) throw missing('Version');
  if (version !== API_VERSION) throw new ApiError('InvalidVersion');

  const auth = v3 ? parseV3Authorization(header(req, 'authorization')!) : null;
  if (v3 && !auth) throw new ApiError('IncompleteSignature', 'The Authorization header is malformed.');
  const accessKeyId = auth ? auth.accessKeyId : req.params.get('AccessKeyId');
  if (!accessKeyId) throw missing('AccessKeyId');
  if (!ACCESS_KEY_ID.test(accessKeyId)) throw new ApiError('InvalidAccessKeyId.NotFound');
  const token = v3 ? header(req, 'x-acs-security-token') : req.params.get('SecurityToken');
  if (token && !deps.keys.acceptSecurityToken) throw new ApiError('InvalidSecurityToken.NotSupported');
  const found = await deps.keys.find(accessKeyId);
  if (!found && !deps.keys.adopt) throw new ApiError('InvalidAccessKeyId.NotFound');
  if (found && !found.key.active) throw new ApiError('InvalidAccessKeyId.Inactive');

  const now = deps.wallNow();
  const signedAt = checkTimestamp(v3 ? header(req, 'x-acs-date') : req.params.get('Timestamp'), v3, now);
  const secret = deps.keys.secretFor(found);
  const nonce = v3 ? verifyV3(req, auth!, secret) : verifyV1(req, secret);

  // any-key mode: only a verified request of a new key gives it an account (forged ones made thousands).
  const resolved = found ?? await deps.keys.adopt!(accessKeyId);
  // Throttled before the nonce is claimed: a refused request stores nothing, so the same signed
  // request can be sent again once the wait is over.
  const wait = deps.throttle?.take(resolved.account.id, now) ?? 0;
  if (wait > 0) throw new ApiError('Throttling.User', '', { headers: { 'x-acs-retry-after': String(wait) } });
  const claim = await deps.nonces.claim(accessKeyId, nonce, signedAt, now);
  if (claim === 'used') throw new ApiError('SignatureNonceUsed');
  if (claim !== 'claimed') {
    throw new ApiError('Throttling', 'Too many recent requests are remembered for replay protection (--max-nonces).',
      { headers: { 'x-acs-retry-after': String(claim.retryAfterMs) } });
  }
  return { action, format, account: resolved.account, accessKeyId };
}

function checkFormat(value: string | undefined): ResponseFormat {
  // Empty counts as absent, as for every parameter (SDKs send unset strings as `Key=`).
  if (value === undefined || value === '') return 'XML';
  const upper = value.toUpperCase();
  if (upper !== 'JSON' && upper !== 'XML') throw new ApiError('InvalidParameter.Format');
  return upper;
}

function checkTimestamp(value: string | undefined, v3: boolean, now: number): number {
  if (!value) throw v3 ? new ApiError('IncompleteSignature', 'The x-acs-date header is required.') : missing('Timestamp');
  const at = parseTimestamp(value);
  if (at === null) throw new ApiError('InvalidTimeStamp.Format');
  if (Math.abs(now - at) > TIMESTAMP_WINDOW_MS) throw new ApiError('InvalidTimeStamp.Expired');
  return at;
}

/**
 * `yyyy-MM-ddTHH:mm:ssZ` as epoch ms, or null unless it names a real calendar date and time:
 * Date.parse rolls 2026-02-30 over to March 2 and reads T24:00 as the next midnight.
 */
export function parseTimestamp(value: string): number | null {
  const m = TIMESTAMP.exec(value);
  if (!m) return null;
  const year = Number(m[1]), month = Number(m[2]), day = Number(m[3]);
  const hour = Number(m[4]), minute = Number(m[5]), second = Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const at = Date.UTC(year, month - 1, day, hour, minute, second);
  // A day past the month's end moves the month on; years 0-99 are read as 1900-1999, still expired.
  return new Date(at).getUTCDate() === day ? at : null;
}

// The official clients send 32 or 64 hex characters (docs/api/clients.md §2). Bounded before anything is
// stored: PostgreSQL failed on a 2.7 KB nonce (btree row size) and on a NUL.
const NONCE = /^[\x21-\x7e]{1,128}$/;

function checkNonce(nonce: string): void {
  if (!NONCE.test(nonce)) throw invalid('SignatureNonce', 'A signature nonce is 1 to 128 visible ASCII characters.');
}

/** Returns the nonce. `secret` null = any-key mode without a secret: check the form only. */
function verifyV1(req: RpcRequest, secret: string | null): string {
  const method = req.params.get('SignatureMethod');
  if (!method) throw missing('SignatureMethod');
  if (method !== 'HMAC-SHA1') throw new ApiError('InvalidSignatureMethod', method);
  const version = req.params.get('SignatureVersion');
  if (!version) throw missing('SignatureVersion');
  if (version !== '1.0') throw new ApiError('InvalidParameter', '', { code: 'InvalidSignatureVersion', name: 'SignatureVersion' });
  const nonce = req.params.get('SignatureNonce');
  if (!nonce) throw missing('SignatureNonce');
  checkNonce(nonce);
  const signature = req.params.get('Signature');
  if (!signature) throw missing('Signature');
  if (secret === null) {
    if (!/^[A-Za-z0-9+/]{27}=$/.test(signature)) throw new ApiError('SignatureDoesNotMatch', 'The signature is not a base64 HMAC-SHA1 value.');
    return nonce;
  }
  // Fast path: text sent in canonical form is its own canonical string (request-params.ts).
  const wire = canonicalWireText(req.wireText);
  if (wire !== null && sameSignature(v1Sign(v1WireStringToSign(req.method, wire), secret), signature)) return nonce;
  const stringToSign = v1StringToSign(req.method, req.params);
  if (!sameSignature(v1Sign(stringToSign, secret), signature)) {
    throw new ApiError('SignatureDoesNotMatch', `server string to sign is:${stringToSign}`);
  }
  return nonce;
}

function verifyV3(req: RpcRequest, auth: V3Authorization, secret: string | null): string {
  if (!Object.hasOwn(V3_ALGORITHMS, auth.algorithm)) throw new ApiError('InvalidSignatureMethod', auth.algorithm);
  const algorithm = auth.algorithm as V3Algorithm;
  const signed = auth.signedHeaders.map((h) => h.toLowerCase());
  const unsigned = V3_REQUIRED.filter((h) => !signed.includes(h) || header(req, h) === undefined);
  if (unsigned.length > 0) throw new ApiError('IncompleteSignature', `Required headers not signed: ${unsigned.join(', ')}.`);
  const payloadHash = header(req, 'x-acs-content-sha256')!;
  const actual = req.rawBody.length === 0 && algorithm === 'ACS3-HMAC-SHA256' ? EMPTY_SHA256 : hash(algorithm, req.rawBody);
  if (payloadHash !== actual) throw new ApiError('InvalidContentSha256');
  const nonce = header(req, 'x-acs-signature-nonce')!;
  checkNonce(nonce);
  if (secret === null) {
    if (!/^[0-9a-f]{64}$/.test(auth.signature)) throw new ApiError('SignatureDoesNotMatch', 'The signature is not a hex HMAC value.');
    return nonce;
  }
  const canonical = v3CanonicalRequest({ method: req.method, query: req.query, headers: req.headers, signedHeaders: signed, payloadHash });
  const stringToSign = v3StringToSign(algorithm, canonical);
  if (!sameSignature(v3Sign(algorithm, stringToSign, secret), auth.signature)) {
    // The canonical request is the part a big request makes big; the string to sign is short and stays whole.
    const shown = boundDetail(canonical, MAX_DETAIL_CHARS - 200);
    throw new ApiError('SignatureDoesNotMatch', `server canonical request is:${shown} server string to sign is:${stringToSign}`);
  }
  return nonce;
}
