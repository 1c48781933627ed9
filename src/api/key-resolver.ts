// Auth modes (docs/architecture.md §8): `strict` knows only stored keys; `any-key` gives every new AccessKeyId an
// account of its own and checks signatures against --any-key-secret, or only their form without one.
// The account is made only once a request of the key has passed its signature and nonce checks.
import type { KeyResolver, ResolvedKey } from './authenticate.js';
import type { Store } from '../store/store.js';
import type { AccessKey, Account } from '../domain/types.js';

export type AuthMode = 'strict' | 'any-key';

/**
 * What an AccessKeyId may look like: Alibaba's are `LTAI` + letters and digits, STS ones `STS.` +
 * base58-like text. Anything else is refused before the store is asked: a 6,000-character id, or
 * one with a NUL, made PostgreSQL fail the lookup (a 500), and any-key mode would make it an account.
 */
export const ACCESS_KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function keyResolver(store: Store, mode: AuthMode, anyKeySecret: string | null, now: () => number): KeyResolver {
  const pending = new Map<string, Promise<ResolvedKey>>();

  async function find(id: string): Promise<ResolvedKey | null> {
    const key = await store.findAccessKey(id);
    if (!key) return null;
    const account = await store.findAccount(key.accountId);
    return account ? { key, account } : null;
  }

  async function adopt(id: string): Promise<ResolvedKey> {
    // A request that arrived just before may have adopted it already.
    const known = await find(id);
    if (known) return known;
    const name = `key:${id}`;
    const account = await store.findAccountByName(name) ?? await createOrFind(store, name, now());
    const key: AccessKey = { id, secret: anyKeySecret ?? '', accountId: account.id, active: true, createdAt: now() };
    await store.saveAccessKey(key);
    return { key, account };
  }

  return {
    acceptSecurityToken: mode === 'any-key',
    secretFor: (key) => (mode === 'strict' ? key!.secret : anyKeySecret),
    find,
    // One adoption per key even when its first requests arrive together.
    adopt: mode === 'strict' ? null : (id) => {
      let p = pending.get(id);
      if (!p) {
        p = adopt(id).finally(() => pending.delete(id));
        pending.set(id, p);
      }
      return p;
    },
  };
}

/** Another process may create the same account at the same moment (PostgreSQL): then use theirs. */
async function createOrFind(store: Store, name: string, now: number): Promise<Account> {
  try {
    return await store.createAccount(name, now);
  } catch (err) {
    const existing = await store.findAccountByName(name);
    if (existing) return existing;
    throw err;
  }
}
