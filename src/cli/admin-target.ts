// Which running server a CLI command speaks to: one named by address (`--url` / ROBOTCALL_URL, with
// `--admin-token` / ROBOTCALL_ADMIN_TOKEN), or the one holding an embedded data dir, found through
// the dir's lock, token included (docs/decisions.md D10). The admin commands (`clock`, `balance`,
// `scenarios`) need one; the store commands (store-access.ts) use one when there is one.
import path from 'node:path';
import type { Command } from 'commander';
import { adminEndpointOf, adminTokenFlag, loadConfig, type AdminEndpoint, type TargetFlags } from '../config.js';
import { readLockHolder } from '../store/data-dir-lock.js';
import { adminApi, type AdminApi } from './admin-client.js';

export type { TargetFlags };

/** `--url` and `--admin-token`, on every command that may speak to a server. */
export function serverOptions(command: Command): Command {
  return command
    .option('--url <url>', 'a running server\'s address, e.g. http://127.0.0.1:8080 (or ROBOTCALL_URL)')
    .option('--admin-token <token>', 'its --admin-token (better ROBOTCALL_ADMIN_TOKEN: a flag shows in the process list)');
}

/** The admin commands' options: a server by address, or by the data dir it holds. */
export function adminCommandOptions(command: Command): Command {
  return serverOptions(command)
    .option('--data-dir <dir>', 'the embedded data directory a running server holds (default ./data)')
    .option('--json', 'print the answer as JSON');
}

/** The server named by `--url` / ROBOTCALL_URL, or null when the flags name a store. */
export function serverByAddress(flags: TargetFlags): AdminApi | null {
  const endpoint = adminEndpointOf(undefined, flags);
  return endpoint === null ? null : apiAt(endpoint);
}

function apiAt(endpoint: AdminEndpoint): AdminApi {
  return adminApi({
    url: endpoint.url,
    token: endpoint.token,
    via: `the server at ${endpoint.url}`,
    server: `the server at ${endpoint.url}`,
    refusedHint: endpoint.token === null
      ? 'give its admin token with --admin-token or ROBOTCALL_ADMIN_TOKEN (a server bound beyond loopback has its admin API closed without one)'
      : 'check the token (--admin-token / ROBOTCALL_ADMIN_TOKEN): it must be the server\'s --admin-token',
  });
}

/** The server holding the embedded data dir `dir` (absolute), or null when none does. */
export async function serverHoldingDir(dir: string, tokenFlag?: string): Promise<AdminApi | null> {
  const holder = await readLockHolder(dir);
  if (!holder || holder === 'stale' || !holder.url) return null;
  const token = adminTokenFlag(tokenFlag) ?? holder.adminToken;
  return adminApi({
    url: holder.url,
    token,
    via: `embedded PGlite at ${dir}, through the server at ${holder.url} (pid ${holder.pid})`,
    server: `the server at ${holder.url} (pid ${holder.pid}) holds ${dir}`,
    refusedHint: 'restart it with --admin-token TOKEN (commands find the token through the data dir), or stop it and run the command again',
  });
}

/**
 * The running server the admin commands speak to: by address, else the holder of the data dir.
 * Says on stderr which one. A database names no server, so on PostgreSQL the address is needed.
 */
export async function requireServer(flags: TargetFlags): Promise<AdminApi> {
  const byAddress = serverByAddress(flags);
  if (byAddress) {
    console.error(`robotcall: ${byAddress.via}`);
    return byAddress;
  }
  const config = loadConfig(undefined, { dataDir: flags.dataDir });
  if (config.databaseUrl && flags.dataDir === undefined) {
    throw new Error('this command speaks to a running server, and a database names none: give its address with --url URL (or ROBOTCALL_URL)');
  }
  const dir = path.resolve(config.dataDir);
  const holder = await serverHoldingDir(dir, flags.adminToken);
  if (!holder) {
    throw new Error(`no running server holds ${dir}: start \`robotcall serve --data-dir ${config.dataDir}\`, `
      + 'or give a server\'s address with --url URL (or ROBOTCALL_URL)');
  }
  console.error(`robotcall: ${holder.via}`);
  return holder;
}
