// `robotcall keys create|list|disable|enable`, on the store store-access.ts finds: through the admin
// API of the server holding an embedded data dir, else the store itself (docs/decisions.md D10).
import type { Command } from 'commander';
import { accountOption } from './account-option.js';
import { createKey, setKeyActive, type IssuedKey } from '../admin/key-service.js';
import { systemClock } from '../clock.js';
import type { KeyListing, Store } from '../store/store.js';
import { storeOptions, withStoreTarget, type AdminApi, type StoreFlags } from './store-access.js';

interface KeyFlags extends StoreFlags { json?: boolean; account?: string }

interface KeyOps {
  create(account: string | undefined): Promise<IssuedKey>;
  list(): Promise<Array<Pick<KeyListing, 'id' | 'accountId' | 'accountName' | 'active'>>>;
  setActive(id: string, active: boolean): Promise<boolean>;
}

export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description('manage access keys');
  storeOptions(keys.command('create').description('create an access key (in a new account unless --account names one)'))
    .option('--account <name>', 'account name', accountOption).option('--json', 'print JSON')
    .action((flags: KeyFlags) => withKeyOps(flags, async (ops) => {
      const k = await ops.create(flags.account);
      console.log(flags.json ? JSON.stringify(k) : `AccountId ${k.AccountId}\nAccessKeyId ${k.AccessKeyId}\nAccessKeySecret ${k.AccessKeySecret}`);
    }));
  storeOptions(keys.command('list').description('list access keys')).option('--json', 'print JSON')
    .action((flags: KeyFlags) => withKeyOps(flags, async (ops) => {
      const list = await ops.list();
      if (flags.json) console.log(JSON.stringify(list.map((k) => ({ AccessKeyId: k.id, AccountId: k.accountId, AccountName: k.accountName, Active: k.active }))));
      else for (const k of list) console.log(`${k.id}\t${k.accountId}\t${k.accountName}\t${k.active ? 'active' : 'disabled'}`);
      // On stderr, so stdout stays the listing itself (empty, or `[]` with --json).
      if (list.length === 0) console.error('robotcall: no access keys (`robotcall keys create` makes one; `serve` makes one on a first start)');
    }));
  for (const [verb, active] of [['disable', false], ['enable', true]] as const) {
    storeOptions(keys.command(`${verb} <id>`).description(`${verb} an access key`))
      .action((id: string, flags: KeyFlags) => withKeyOps(flags, async (ops) => {
        if (!(await ops.setActive(id, active))) throw new Error(`no access key ${id}`);
        console.log(`${id} ${active ? 'enabled' : 'disabled'}`);
      }));
  }
}

async function withKeyOps(flags: KeyFlags, fn: (ops: KeyOps) => Promise<void>): Promise<void> {
  await withStoreTarget(flags, (target) => fn(target.api ? adminApiOps(target.api) : storeOps(target.store)));
}

function storeOps(store: Store): KeyOps {
  return {
    create: (account) => createKey(store, account, systemClock.now()),
    list: () => store.listAccessKeys(),
    setActive: (id, active) => setKeyActive(store, id, active, systemClock.now()),
  };
}

function adminApiOps(api: AdminApi): KeyOps {
  return {
    async create(account) {
      const r = await api.call('POST', 'keys', { account });
      if (r.status !== 200) throw new Error(`admin API: ${JSON.stringify(r.json)}`);
      return r.json as unknown as IssuedKey;
    },
    async list() {
      const r = await api.call('GET', 'keys');
      if (r.status !== 200 || !Array.isArray(r.json.keys)) throw new Error(`admin API: ${JSON.stringify(r.json)}`);
      const keys = r.json.keys as Array<{ AccessKeyId: string; AccountId: number; AccountName: string; Active: boolean }>;
      return keys.map((k) => ({ id: k.AccessKeyId, accountId: k.AccountId, accountName: k.AccountName, active: k.Active }));
    },
    async setActive(id, active) {
      const r = await api.call('POST', `keys/${encodeURIComponent(id)}/${active ? 'enable' : 'disable'}`);
      return r.status === 200;
    },
  };
}
