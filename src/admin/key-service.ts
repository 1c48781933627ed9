// Access key management shared by `robotcall keys`, the admin API and server start-up (docs/decisions.md D10).
import { randomBytes } from 'node:crypto';
import { AdminError } from './admin-error.js';
import { hasControlChar, longerThan } from '../domain/plain-text.js';
import type { AccessKey, Account } from '../domain/types.js';
import type { Store } from '../store/store.js';

export const DEFAULT_ACCOUNT = 'default';

export interface IssuedKey {
  AccountId: number;
  AccessKeyId: string;
  AccessKeySecret: string;
}

const ALPHANUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random text over [A-Za-z0-9]; rejection sampling keeps every character equally likely. */
function randomText(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < 248 && out.length < length) out += ALPHANUM[b % 62];
    }
  }
  return out;
}

/** Ids shaped like Alibaba's (`LTAI` + 20), secrets of 30 characters. */
export const newKeyId = () => `LTAI${randomText(20)}`;
export const newSecret = () => randomText(30);

export async function accountNamed(store: Store, name: string, now: number): Promise<Account> {
  return (await store.findAccountByName(name)) ?? store.createAccount(name, now);
}

/** An account name is a label a person reads in `keys list` (README "Limits"). */
export const MAX_ACCOUNT_NAME = 64;

/**
 * A new key; in the named account if it exists, else in a new account of that name. The name comes
 * from JSON or a flag as sent: anything but a text (or nothing) is refused, never read as "no name"
 * ({"account": 123} made a new unnamed account).
 */
export async function createKey(store: Store, accountName: unknown, now: number): Promise<IssuedKey> {
  if (accountName !== undefined && accountName !== null && (typeof accountName !== 'string' || accountName === ''
    || longerThan(accountName, MAX_ACCOUNT_NAME) || hasControlChar(accountName))) {
    throw new AdminError(400, `account must be a text of 1 to ${MAX_ACCOUNT_NAME} characters (an account name), without control characters; leave it out for a new account`);
  }
  const account = await accountNamed(store, typeof accountName === 'string' ? accountName : `account-${randomText(8).toLowerCase()}`, now);
  const key: AccessKey = { id: newKeyId(), secret: newSecret(), accountId: account.id, active: true, createdAt: now };
  await store.saveAccessKey(key);
  return { AccountId: account.id, AccessKeyId: key.id, AccessKeySecret: key.secret };
}

/** ROBOTCALL_ACCESS_KEY_ID/SECRET: make sure the key exists, is active and has that secret. */
export async function ensureKey(store: Store, id: string, secret: string, now: number): Promise<AccessKey> {
  const existing = await store.findAccessKey(id);
  const accountId = existing?.accountId ?? (await accountNamed(store, DEFAULT_ACCOUNT, now)).id;
  const key: AccessKey = { id, secret, accountId, active: true, createdAt: existing?.createdAt ?? now };
  if (!existing || existing.secret !== secret || !existing.active || existing.accountId !== accountId) await store.saveAccessKey(key);
  return key;
}

/** With no key configured and none stored, generates one for the default account (printed once). */
export async function ensureSomeKey(store: Store, now: number): Promise<IssuedKey | null> {
  if ((await store.listAccessKeys()).length > 0) return null;
  return createKey(store, DEFAULT_ACCOUNT, now);
}

/**
 * Console sessions of a key made before this moment are refused (docs/console.md): set when the
 * key signs out of the console, and when it is disabled, so enabling it again revives none.
 */
const sessionsEndedSetting = (keyId: string) => `console_sessions_ended:${keyId}`;

export function endConsoleSessions(store: Store, keyId: string, now: number): Promise<void> {
  return store.writeSetting(sessionsEndedSetting(keyId), now);
}

export async function consoleSessionsEndedAt(store: Store, keyId: string): Promise<number> {
  return (await store.readSetting<number>(sessionsEndedSetting(keyId))) ?? 0;
}

/** Disables or enables a key; false when there is none. A disabled key's console sessions end for good. */
export async function setKeyActive(store: Store, id: string, active: boolean, now: number): Promise<boolean> {
  if (!(await store.setAccessKeyActive(id, active))) return false;
  if (!active) await endConsoleSessions(store, id, now);
  return true;
}
