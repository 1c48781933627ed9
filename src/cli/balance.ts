// `robotcall balance ACCOUNT [--top-up FEN | --set FEN|unlimited]`: an account's balance (docs/decisions.md
// D7) on a running server, over `GET|POST|PUT /_robotcall/accounts/:account/balance`. Amounts are
// checked here against the admin API's bounds (README "Limits") before the server is asked.
import { InvalidArgumentError, type Command } from 'commander';
import { MAX_BALANCE_FEN } from '../domain/billing.js';
import { accountOption } from './account-option.js';
import { okJson } from './admin-client.js';
import { adminCommandOptions, requireServer, type TargetFlags } from './admin-target.js';

interface BalanceFlags extends TargetFlags { json?: boolean; topUp?: number; set?: number | 'unlimited' }

const MAX = MAX_BALANCE_FEN.toLocaleString('en-US');

export function registerBalanceCommand(program: Command): void {
  adminCommandOptions(program.command('balance')
    .description('show an account\'s balance in fen, or top it up, or set it')
    .argument('<account>', 'account id, one of its AccessKeyIds, or its name', accountOption)
    .option('--top-up <fen>', `add this many fen, 1 to ${MAX} (an unlimited balance becomes this)`, topUpFen)
    .option('--set <fen>', `set the balance: fen from -${MAX} to ${MAX}, or "unlimited"`, balanceFen))
    .action(async (account: string, flags: BalanceFlags) => {
      if (flags.topUp !== undefined && flags.set !== undefined) throw new Error('give --top-up or --set, not both');
      const api = await requireServer(flags);
      const route = `accounts/${encodeURIComponent(account)}/balance`;
      const answer = okJson(flags.topUp !== undefined ? await api.call('POST', route, { topUpFen: flags.topUp })
        : flags.set !== undefined ? await api.call('PUT', route, { balanceFen: flags.set === 'unlimited' ? null : flags.set })
          : await api.call('GET', route)) as { accountId: number; balanceFen: number | null };
      console.log(flags.json ? JSON.stringify(answer) : `account ${answer.accountId}: ${describeFen(answer.balanceFen)}`);
    });
}

/** `12345 fen (¥123.45)`, or `unlimited`. */
export function describeFen(fen: number | null): string {
  if (fen === null) return 'unlimited';
  const yuan = `${fen < 0 ? '-' : ''}¥${Math.floor(Math.abs(fen) / 100)}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
  return `${fen} fen (${yuan})`;
}

function topUpFen(value: string): number {
  const n = /^\d{1,13}$/.test(value) ? Number(value) : NaN;
  if (n >= 1 && n <= MAX_BALANCE_FEN) return n;
  throw new InvalidArgumentError(`a top-up is a whole number of fen from 1 to ${MAX}`);
}

// Not null for unlimited: commander stores a parser's null as ''.
function balanceFen(value: string): number | 'unlimited' {
  if (value === 'unlimited') return value;
  const n = /^-?\d{1,13}$/.test(value) ? Number(value) : NaN;
  if (Math.abs(n) <= MAX_BALANCE_FEN) return n === 0 ? 0 : n;
  throw new InvalidArgumentError(`a balance is a whole number of fen from -${MAX} to ${MAX}, or "unlimited"`);
}
