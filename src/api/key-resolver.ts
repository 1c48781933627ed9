// Auth modes (docs/architecture.md §8): `strict` knows only stored keys; `any-key` gives every new AccessKeyId an
// account of its own and checks signatures against --any-key-secret, or only their form without one.
// The account is made only once a request of the key has passed its signature and nonce checks.
// A key robotcall holds with a secret of its own (keys create, ROBOTCALL_ACCESS_KEY_ID) is always checked
// against that secret, in either mode: the shared secret only stands in for keys that have none
// (docs/decisions.md D2).
import type { KeyResolver, ResolvedKey } from './authenticate.js';
import type { Store } from '../store/store.js';
import type { AccessKey, Account } from '../domain/types.js';
import { ApiError } from './errors.js';

export type AuthMode = 'strict' | 'any-key';

/**
 * What an AccessKeyId may look like: Alibaba's are `LTAI` + letters and digits, STS ones `STS.` +
 * base58-like text. Anything else is refused before the store is asked: a 6,000-character id, or
 * one with a NUL, made PostgreSQL fail the lookup (a 500), and any-key mode would make it an account.
 */
export const ACCESS_KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * How many AccessKeyIds any-key mode adopts before it answers new ones InvalidAccessKeyId.NotFound: each
 * makes an account with its demo robots and callers, kept for good, so without a bound any client that
 * knows the shared secret (or, without one, anyone) could grow the store without end.
 */
export const MAX_ADOPTED_KEYS = 10_000;

/** The account an adopted key gets; also how adopted keys are told from keys of their own. */
const adoptedAccountName = (id: string) => `key:${id}`;

export function keyResolver(store: Store, mode: AuthMode, anyKeySecret: string | null, now: () => number,
  maxAdopted = MAX_ADOPTED_KEYS): KeyResolver {
  const pending = new Map<string, Promise<ResolvedKey>>();
  // Counted from the store once, then by this process (other processes on one PostgreSQL add theirs
  // only at their own start: the bound is per process there, at most maxAdopted beyond the stored count).
  let adopted: number | null = null;

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
    adopted ??= (await store.listAccessKeys()).filter((k) => k.accountName === adoptedAccountName(k.id)).length;
    if (adopted >= maxAdopted) {
      throw new ApiError('InvalidAccessKeyId.NotFound',
        `No more are adopted: any-key mode gives at most ${maxAdopted.toLocaleString('en-US')} new AccessKeyIds an account.`);
    }
    adopted++;
    const name = adoptedAccountName(id);
    const account = await store.findAccountByName(name) ?? await createOrFind(store, name, now());
    const key: AccessKey = { id, secret: anyKeySecret ?? '', accountId: account.id, active: true, createdAt: now() };
    await store.saveAccessKey(key);
    return { key, account };
  }

  return {
    acceptSecurityToken: mode === 'any-key',
    // Every stored key has its secret checked: keys of their own, and adopted keys with the shared secret
    // they were adopted with. Only a new id, or one adopted without a shared secret (stored with ''),
    // is checked against today's --any-key-secret (or only for form without one).
    secretFor: (found) => (mode === 'strict' || (found && found.key.secret !== '') ? found!.key.secret : anyKeySecret),
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
