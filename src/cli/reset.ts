// `robotcall reset [--clock] --yes`: back to seed state like `POST /_robotcall/reset`, and with
// --clock the engine clock back on the wall clock (docs/decisions.md D17), on the store store-access.ts finds.
import type { Command } from 'commander';
import { systemClock } from '../clock.js';
import { resetStoredClock } from '../engine/clock-store.js';
import { storeOptions, withStoreTarget, type StoreFlags } from './store-access.js';

interface ResetFlags extends StoreFlags { clock?: boolean; yes?: boolean }

export function registerResetCommand(program: Command): void {
  storeOptions(program.command('reset')
    .description('delete every task and scenario; robots, caller numbers and balances back to the seed; keys and accounts stay')
    .option('--clock', 'also put the engine clock back on the wall clock (after a scaled or manual run)')
    .option('--yes', 'confirm: every task is deleted, with its numbers and calls'))
    .action(async (flags: ResetFlags) => {
      if (!flags.yes) throw new Error('reset deletes every task, with its numbers and calls; add --yes to go ahead');
      const clock = flags.clock === true;
      const { engineNow } = await withStoreTarget(flags, async ({ api, store }) => {
        if (api) {
          const r = await api.call('POST', 'reset', { clock });
          if (r.status !== 200) throw new Error(`admin API: ${JSON.stringify(r.json)}`);
          return { engineNow: (r.json.clock as { now: number }).now };
        }
        const now = systemClock.now();
        await store.resetToSeed(now);
        return { engineNow: clock ? ((await resetStoredClock(store, now))?.engineAt ?? now) : null };
      });
      console.log(`reset: every task and scenario deleted; robots, caller numbers and balances back to the seed${
        clock ? `; engine clock back on the wall clock (${new Date(engineNow!).toISOString()})` : ''}`);
      // Processes running on that database read the stored clock and scenarios every --engine-poll
      // (docs/decisions.md D14): they follow a direct reset within a second.
    });
}
