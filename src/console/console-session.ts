// Console sign-in without the secret on the wire, and the session cookie it earns (docs/console.md
// "Signing in without sending the secret"): the browser signs a sign-in text with the secret; the
// cookie carries the key id, an expiry and an HMAC under a server key kept in the store.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { KeyResolver, ResolvedKey } from '../api/authenticate.js';
import { parseTimestamp, TIMESTAMP_WINDOW_MS } from '../api/authenticate.js';
import { ACCESS_KEY_ID } from '../api/key-resolver.js';
import type { NonceCache } from '../api/nonce-cache.js';
import { storedKey } from '../api/stored-key.js';
import { consoleSessionsEndedAt, endConsoleSessions } from '../admin/key-service.js';
import type { Account } from '../domain/types.js';
import type { Store } from '../store/store.js';
import { ConsoleError } from './console-error.js';
import type { FailureThrottle } from '../api/failure-throttle.js';

export const SESSION_COOKIE = 'rc_console';
/** A working day: a console left open overnight signs in again. */
export const SESSION_LIFETIME_MS = 12 * 3600_000;
const KEY_SETTING = 'console_session_key';
const NONCE = /^[A-Za-z0-9-]{16,64}$/;
const SIGNATURE = /^[A-Za-z0-9+/]{43}=$/;

export interface SigninRequest {
  accessKeyId: string;
  timestamp: string;
  nonce: string;
  signature: string;
}

export interface Session {
  accessKeyId: string;
  account: Account;
  expiresAt: number;
}

export interface SessionDeps {
  store: Store;
  keys: KeyResolver;
  nonces: NonceCache;
  /** Failures per AccessKeyId (a secret guessed) and per client address (many keys tried from one place). */
  throttle: { byKey: FailureThrottle; byAddress: FailureThrottle };
  wallNow: () => number;
}

/** The text the browser signs (HMAC-SHA256 with the secret, base64). */
export const signinText = (r: Pick<SigninRequest, 'accessKeyId' | 'timestamp' | 'nonce'>) =>
  `robotcall-console-signin\n${r.accessKeyId}\n${r.timestamp}\n${r.nonce}`;

export function consoleSessions(deps: SessionDeps) {
  let key: string | null = null;
  let reloadedAt = -Infinity;
  const serverKey = async () => (key ??= await storedKey(deps.store, KEY_SETTING));
  // The secret's fingerprint is in the cookie's HMAC: a key given a new secret ends its sessions.
  const mac = (k: string, id: string, expires: number, secret: string) => createHmac('sha256', k)
    .update(`${id}.${expires}.${createHash('sha256').update(secret).digest('hex')}`).digest('base64url');

  async function signIn(body: Record<string, unknown>, clientAddress: string): Promise<{ cookie: string; session: Session }> {
    const r = readSignin(body);
    const now = deps.wallNow();
    const { byKey, byAddress } = deps.throttle;
    const wait = Math.max(byKey.wait([r.accessKeyId], now), byAddress.wait([clientAddress], now));
    if (wait > 0) throw new ConsoleError(429, 'Throttling', `Too many failed sign-ins: try again in ${Math.ceil(wait / 1000)} s.`, { 'retry-after': String(Math.ceil(wait / 1000)) });
    const refuse = (code: string, message: string) => {
      byKey.failed([r.accessKeyId], now);
      byAddress.failed([clientAddress], now);
      return new ConsoleError(401, code, message);
    };
    const signedAt = parseTimestamp(r.timestamp);
    if (signedAt === null) throw new ConsoleError(400, 'InvalidTimeStamp.Format', 'timestamp must be yyyy-MM-ddTHH:mm:ssZ.');
    if (Math.abs(now - signedAt) > TIMESTAMP_WINDOW_MS) throw new ConsoleError(400, 'InvalidTimeStamp.Expired', 'The timestamp is more than 15 minutes from the server clock.');
    const found = await deps.keys.find(r.accessKeyId);
    if (!found && !deps.keys.adopt) throw refuse('InvalidAccessKeyId.NotFound', 'The AccessKeyId or the secret is not right.');
    if (found && !found.key.active) throw refuse('InvalidAccessKeyId.Inactive', 'The access key is disabled.');
    const secret = deps.keys.secretFor(found);
    if (secret !== null && !sameSignature(secret, r)) throw refuse('SignatureDoesNotMatch', 'The AccessKeyId or the secret is not right.');
    const resolved: ResolvedKey = found ?? await deps.keys.adopt!(r.accessKeyId);
    const claim = await deps.nonces.claim(r.accessKeyId, `console-signin:${r.nonce}`, signedAt, now);
    if (claim !== 'claimed') throw new ConsoleError(claim === 'used' ? 401 : 429, claim === 'used' ? 'SignatureNonceUsed' : 'Throttling', 'Sign in again.');
    const expiresAt = now + SESSION_LIFETIME_MS;
    const cookie = `${r.accessKeyId}.${expiresAt}.${mac(await serverKey(), r.accessKeyId, expiresAt, resolved.key.secret)}`;
    return { cookie, session: { accessKeyId: r.accessKeyId, account: resolved.account, expiresAt } };
  }

  /** The session a cookie value holds, or null when it holds none that is still good. */
  async function verify(value: string | undefined): Promise<Session | null> {
    const m = /^(.+)\.(\d{13})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
    if (!m || !ACCESS_KEY_ID.test(m[1]!)) return null;
    const [, id, expiresText, given] = m as unknown as [string, string, string, string];
    const expiresAt = Number(expiresText);
    const now = deps.wallNow();
    if (expiresAt <= now || expiresAt > now + SESSION_LIFETIME_MS) return null;
    const found = await deps.keys.find(id);
    if (!found || !found.key.active) return null;
    const matches = (k: string) => {
      const want = Buffer.from(mac(k, id, expiresAt, found.key.secret));
      const got = Buffer.from(given);
      return want.length === got.length && timingSafeEqual(want, got);
    };
    // Signed out, or the key was disabled, since this session began.
    if (expiresAt - SESSION_LIFETIME_MS <= await consoleSessionsEndedAt(deps.store, id)) return null;
    if (!matches(await serverKey())) {
      // Another serve may have made the key at the same first start: the stored one is in force.
      if (now - reloadedAt < 10_000) return null;
      reloadedAt = now;
      key = await storedKey(deps.store, KEY_SETTING);
      if (!matches(key)) return null;
    }
    return { accessKeyId: id, account: found.account, expiresAt };
  }

  /** Ends every console session of the key made so far (this browser's and any other's). */
  const signOut = (session: Session) => endConsoleSessions(deps.store, session.accessKeyId, deps.wallNow());

  return { signIn, verify, signOut };
}

function readSignin(body: Record<string, unknown>): SigninRequest {
  const text = (name: keyof SigninRequest, pattern: RegExp, what: string) => {
    const v = body[name];
    if (typeof v !== 'string' || v === '') throw new ConsoleError(400, `Missing${name[0]!.toUpperCase()}${name.slice(1)}`, `${name} is required.`);
    if (!pattern.test(v)) throw new ConsoleError(400, `Invalid${name[0]!.toUpperCase()}${name.slice(1)}`, `${name} must be ${what}.`);
    return v;
  };
  return {
    accessKeyId: text('accessKeyId', ACCESS_KEY_ID, '1-64 characters A-Z a-z 0-9 . _ -'),
    timestamp: text('timestamp', /^.{20}$/, 'yyyy-MM-ddTHH:mm:ssZ'),
    nonce: text('nonce', NONCE, '16-64 characters A-Z a-z 0-9 -'),
    signature: text('signature', SIGNATURE, 'a base64 HMAC-SHA256'),
  };
}

function sameSignature(secret: string, r: SigninRequest): boolean {
  const want = createHmac('sha256', secret).update(signinText(r)).digest();
  const got = Buffer.from(r.signature, 'base64');
  return got.length === want.length && timingSafeEqual(got, want);
}
