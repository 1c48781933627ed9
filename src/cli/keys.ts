// `robotcall keys create|list|disable|enable`. On PostgreSQL they write the database directly; on an
// embedded data dir held by a running server they go through its admin API (the dir's lock socket
// tells where), since only the holder may open the dir (DECISIONS D10).
import type { Command } from 'commander';
import { createKey, type IssuedKey } from '../admin/key-service.js';
import { loadConfig, type Config } from '../config.js';
import { readLockHolder } from '../store/data-dir-lock.js';
import { openStore } from '../store/open-store.js';
import type { KeyListing, Store } from '../store/store.js';
import path from 'node:path';

interface KeyFlags { dataDir?: string; databaseUrl?: string; json?: boolean; account?: string }

interface KeyOps {
  create(account: string | undefined): Promise<IssuedKey>;
  list(): Promise<Array<Pick<KeyListing, 'id' | 'accountId' | 'accountName' | 'active'>>>;
  setActive(id: string, active: boolean): Promise<boolean>;
}

export function registerKeysCommands(program: Command): void {
  const keys = program.command('keys').description('manage access keys');
  const withStoreOptions = (c: Command) => c
    .option('--data-dir <dir>', 'embedded data directory (default ./data)')
    .option('--database-url <url>', 'PostgreSQL connection string');

  withStoreOptions(keys.command('create').description('create an access key (in a new account unless --account names one)'))
    .option('--account <name>', 'account name').option('--json', 'print JSON')
    .action((flags: KeyFlags) => withKeyOps(flags, async (ops) => {
      const k = await ops.create(flags.account);
      console.log(flags.json ? JSON.stringify(k) : `AccountId ${k.AccountId}\nAccessKeyId ${k.AccessKeyId}\nAccessKeySecret ${k.AccessKeySecret}`);
    }));
  withStoreOptions(keys.command('list').description('list access keys')).option('--json', 'print JSON')
    .action((flags: KeyFlags) => withKeyOps(flags, async (ops) => {
      const list = await ops.list();
      if (flags.json) console.log(JSON.stringify(list.map((k) => ({ AccessKeyId: k.id, AccountId: k.accountId, AccountName: k.accountName, Active: k.active }))));
      else for (const k of list) console.log(`${k.id}\t${k.accountId}\t${k.accountName}\t${k.active ? 'active' : 'disabled'}`);
    }));
  for (const [verb, active] of [['disable', false], ['enable', true]] as const) {
    withStoreOptions(keys.command(`${verb} <id>`).description(`${verb} an access key`))
      .action((id: string, flags: KeyFlags) => withKeyOps(flags, async (ops) => {
        if (!(await ops.setActive(id, active))) throw new Error(`no access key ${id}`);
        console.log(`${id} ${active ? 'enabled' : 'disabled'}`);
      }));
  }
}

async function withKeyOps(flags: KeyFlags, fn: (ops: KeyOps) => Promise<void>): Promise<void> {
  const config = loadConfig(undefined, { dataDir: flags.dataDir, databaseUrl: flags.databaseUrl });
  if (!config.databaseUrl) {
    const holder = await readLockHolder(path.resolve(config.dataDir));
    if (holder && holder !== 'stale' && holder.url) return fn(adminApiOps(holder.url, holder.adminToken));
  }
  const opened = await openStore({ databaseUrl: config.databaseUrl ?? undefined, dataDir: config.dataDir });
  try {
    await fn(storeOps(opened.store));
  } finally {
    await opened.store.close();
    await opened.lock?.release();
  }
}

function storeOps(store: Store): KeyOps {
  return {
    create: (account) => createKey(store, account, Date.now()),
    list: () => store.listAccessKeys(),
    setActive: (id, active) => store.setAccessKeyActive(id, active),
  };
}

function adminApiOps(url: string, token: Config['adminToken']): KeyOps {
  const call = async (method: string, route: string, body?: unknown) => {
    const res = await fetch(`${url}/_robotcall/${route}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  return {
    async create(account) {
      const r = await call('POST', 'keys', { account });
      if (r.status !== 200) throw new Error(`admin API: ${JSON.stringify(r.json)}`);
      return r.json as unknown as IssuedKey;
    },
    async list() {
      const r = await call('GET', 'keys');
      const keys = (r.json.keys ?? []) as Array<{ AccessKeyId: string; AccountId: number; AccountName: string; Active: boolean }>;
      return keys.map((k) => ({ id: k.AccessKeyId, accountId: k.AccountId, accountName: k.AccountName, active: k.Active }));
    },
    async setActive(id, active) {
      const r = await call('POST', `keys/${encodeURIComponent(id)}/${active ? 'enable' : 'disable'}`);
      return r.status === 200;
    },
  };
}
