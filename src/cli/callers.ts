// `robotcall callers list|add|remove --account REF [NUMBER]`: the numbers an account may show as
// Caller, beyond the demo ones (admin/caller-service.ts), on the store store-access.ts finds.
import type { Command } from 'commander';
import { accountOption } from './account-option.js';
import { addCallerNumber, removeCallerNumber } from '../admin/caller-service.js';
import { resolveAccount } from '../admin/robot-service.js';
import { okJson, storeOptions, withStoreTarget, type StoreFlags } from './store-access.js';

interface CallerFlags extends StoreFlags { account: string; json?: boolean }
type Verb = 'list' | 'add' | 'remove';

export function registerCallersCommands(program: Command): void {
  const callers = program.command('callers').description('the numbers an account may show as Caller (without IsSelfLine)');
  for (const [verb, args, description] of [
    ['list', '', 'list the account\'s caller numbers'],
    ['add', ' <number>', 'add a caller number (3-20 digits, a leading + and hyphens allowed)'],
    ['remove', ' <number>', 'remove a caller number'],
  ] as const) {
    storeOptions(callers.command(`${verb}${args}`).description(description)
      .requiredOption('--account <ref>', 'account id, one of its AccessKeyIds, or its name', accountOption)
      .option('--json', 'print JSON'))
      .action(async (...a: unknown[]) => {
        const number = verb === 'list' ? null : (a[0] as string);
        const flags = (verb === 'list' ? a[0] : a[1]) as CallerFlags;
        const list = await run(verb, flags, number);
        if (flags.json) console.log(JSON.stringify(list));
        else if (list.length === 0) console.error('robotcall: no caller numbers');
        else for (const n of list) console.log(n);
      });
  }
}

async function run(verb: Verb, flags: CallerFlags, number: string | null): Promise<string[]> {
  return withStoreTarget(flags, async ({ api, store }) => {
    if (api) {
      const route = `accounts/${encodeURIComponent(flags.account)}/callers${number === null ? '' : `/${encodeURIComponent(number)}`}`;
      return okJson(await api.call(verb === 'list' ? 'GET' : verb === 'add' ? 'PUT' : 'DELETE', route)).callers as string[];
    }
    const account = await resolveAccount(store, flags.account);
    if (verb === 'add') await addCallerNumber(store, account, number!);
    if (verb === 'remove') await removeCallerNumber(store, account, number!);
    return store.listCallerNumbers(account.id);
  });
}
