// Auth modes (DESIGN §8): `strict` knows only stored keys; `any-key` gives every new AccessKeyId an
// account of its own and checks signatures against --any-key-secret, or only their form without one.
import type { KeyResolver } from './authenticate.js';
import type { Store } from '../store/store.js';
import type { AccessKey, Account } from '../domain/types.js';

export type AuthMode = 'strict' | 'any-key';

export function keyResolver(store: Store, mode: AuthMode, anyKeySecret: string | null, now: () => number): KeyResolver {
  const pending = new Map<string, Promise<{ key: AccessKey; account: Account }>>();

  async function adopt(id: string) {
    const name = `key:${id}`;
    const account = await store.findAccountByName(name) ?? await createOrFind(store, name, now());
    const key: AccessKey = { id, secret: anyKeySecret ?? '', accountId: account.id, active: true, createdAt: now() };
    await store.saveAccessKey(key);
    return { key, account };
  }

  return {
    acceptSecurityToken: mode === 'any-key',
    secretFor: (key) => (mode === 'strict' ? key.secret : anyKeySecret),
    async resolve(id) {
      const key = await store.findAccessKey(id);
      if (key) {
        const account = await store.findAccount(key.accountId);
        return account ? { key, account } : null;
      }
      if (mode === 'strict') return null;
      // One adoption per key even when its first requests arrive together.
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
