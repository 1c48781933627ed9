// `robotcall robots put FILE`: create, replace or re-audit a robot from a JSON file
// `{"account", "robotId", "name", "auditStatus", "dialog"}` (docs/decisions.md D12), on the store
// store-access.ts finds, like `keys`.
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { accountOption } from './account-option.js';
import { putRobot, resolveAccount, robotView } from '../admin/robot-service.js';
import { systemClock } from '../clock.js';
import { okJson, storeOptions, withStoreTarget, type StoreFlags } from './store-access.js';

interface RobotFlags extends StoreFlags { account?: string; robotId?: string }

export function registerRobotsCommands(program: Command): void {
  const robots = program.command('robots').description('manage robots (dialogs and audit status)');
  storeOptions(robots.command('put <file>')
    .description('create or replace a robot from a JSON file {account, robotId, name, auditStatus, dialog}')
    .option('--account <ref>', 'account id, one of its AccessKeyIds, or its name (overrides the file)', accountOption)
    .option('--robot-id <id>', '13-digit robot id (overrides the file); without one, a new robot gets the next free id'))
    .action(async (file: string, flags: RobotFlags) => {
      const { account, robotId, ...body } = readRobotFile(file);
      const ref = flags.account ?? (account === undefined ? undefined : String(account));
      const id = flags.robotId ?? (robotId === undefined ? undefined : String(robotId));
      if (!ref) throw new Error('give the account (id, AccessKeyId or name), in the file or with --account');
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

async function put(flags: RobotFlags, account: string, robotId: string | undefined, body: Record<string, unknown>): Promise<unknown> {
  return withStoreTarget(flags, async ({ api, store }) => {
    if (api) {
      const robots = `accounts/${encodeURIComponent(account)}/robots`;
      return okJson(robotId === undefined ? await api.call('POST', robots, body) : await api.call('PUT', `${robots}/${encodeURIComponent(robotId)}`, body));
    }
    const saved = await putRobot(store, await resolveAccount(store, account), robotId ?? null, body, systemClock.now());
    return robotView(saved.robot);
  });
}
