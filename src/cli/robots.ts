// `robotcall robots put FILE`: create, replace or re-audit a robot from a JSON file
// `{"account", "robotId", "name", "auditStatus", "dialog"}` (DECISIONS D12). Like `keys`, it goes
// through the admin API of a server holding the embedded data dir, else opens the store itself.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { AdminError } from '../admin/admin-error.js';
import { putRobot, resolveAccount, robotView } from '../admin/robot-service.js';
import { loadConfig } from '../config.js';
import { readLockHolder } from '../store/data-dir-lock.js';
import { openStore } from '../store/open-store.js';

interface RobotFlags { dataDir?: string; databaseUrl?: string; account?: string; robotId?: string }

export function registerRobotsCommands(program: Command): void {
  const robots = program.command('robots').description('manage robots (dialogs and audit status)');
  robots.command('put <file>')
    .description('create or replace a robot from a JSON file {account, robotId, name, auditStatus, dialog}')
    .option('--account <ref>', 'account id or one of its AccessKeyIds (overrides the file)')
    .option('--robot-id <id>', '13-digit robot id (overrides the file)')
    .option('--data-dir <dir>', 'embedded data directory (default ./data)')
    .option('--database-url <url>', 'PostgreSQL connection string')
    .action(async (file: string, flags: RobotFlags) => {
      const { account, robotId, ...body } = readRobotFile(file);
      const ref = flags.account ?? (account === undefined ? undefined : String(account));
      const id = flags.robotId ?? (robotId === undefined ? undefined : String(robotId));
      if (!ref || !id) throw new Error('give the account (id or AccessKeyId) and the 13-digit robotId, in the file or with --account / --robot-id');
      const saved = await put(flags, ref, id, body);
      console.log(JSON.stringify(saved));
    });
}

function readRobotFile(file: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: not a readable JSON file (${(err as Error).message})`, { cause: err });
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(`${file}: must hold a JSON object`);
  return parsed as Record<string, unknown>;
}

async function put(flags: RobotFlags, account: string, robotId: string, body: Record<string, unknown>): Promise<unknown> {
  const config = loadConfig(undefined, { dataDir: flags.dataDir, databaseUrl: flags.databaseUrl });
  if (!config.databaseUrl) {
    const holder = await readLockHolder(path.resolve(config.dataDir));
    if (holder && holder !== 'stale' && holder.url) {
      const res = await fetch(`${holder.url}/_robotcall/accounts/${encodeURIComponent(account)}/robots/${robotId}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', ...(holder.adminToken ? { authorization: `Bearer ${holder.adminToken}` } : {}) },
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as { error?: string };
      if (!res.ok) throw new Error(json.error ?? `admin API answered ${res.status}`);
      return json;
    }
  }
  const opened = await openStore({ databaseUrl: config.databaseUrl ?? undefined, dataDir: config.dataDir });
  try {
    const saved = await putRobot(opened.store, await resolveAccount(opened.store, account), robotId, body, Date.now());
    return robotView(saved.robot);
  } catch (err) {
    if (err instanceof AdminError) throw new Error(err.message, { cause: err });
    throw err;
  } finally {
    await opened.store.close();
    await opened.lock?.release();
  }
}
