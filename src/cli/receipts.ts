// `robotcall receipts ACCOUNT [show|set URL|clear|failed|retry]`: an account's call-receipt receiver
// (docs/decisions.md D16, README "Call receipts") on a running server, over the admin API's
// `/_robotcall/accounts/:account/receipts` routes. The URL's rules are the server's; the answer names
// what was wrong.
import type { Command } from 'commander';
import { accountOption } from './account-option.js';
import { okJson } from './admin-client.js';
import { adminCommandOptions, requireServer, type TargetFlags } from './admin-target.js';

interface ReceiptFlags extends TargetFlags { json?: boolean; taskStatusUrl?: string; secret?: string; limit?: string }

interface ReceiptsView {
  accountId: number; url: string | null; taskStatusUrl: string | null; queued: number; pendingBatches: number; failedBatches: number;
  delivered: number; lastError: string | null; nextAttemptAt: number | null; secret?: string;
}

export function registerReceiptsCommands(program: Command): void {
  const receipts = program.command('receipts')
    .description('an account\'s call-receipt receiver: where VoiceReport records of finished calls are pushed');
  const route = (account: string, rest = '') => `accounts/${encodeURIComponent(account)}/receipts${rest}`;

  adminCommandOptions(receipts.command('show', { isDefault: true })
    .description('the receiver, what was delivered, what waits and what failed')
    .argument('<account>', 'account id, one of its AccessKeyIds, or its name', accountOption))
    .action(async (account: string, flags: ReceiptFlags) => {
      const view = okJson(await (await requireServer(flags)).call('GET', route(account))) as unknown as ReceiptsView;
      console.log(flags.json ? JSON.stringify(view) : describe(view));
    });

  adminCommandOptions(receipts.command('set')
    .description('push this account\'s receipts to URL; prints the signing secret (show never does)')
    .argument('<account>', 'account id, one of its AccessKeyIds, or its name', accountOption)
    .argument('<url>', 'http(s) URL that takes VoiceReport batches and answers {"code":0}')
    .option('--task-status-url <url>', 'also push every task status change, to this URL (robotcall\'s own records); without it, none are')
    .option('--secret <secret>', 'the HMAC-SHA256 signing secret, 16-128 printable characters (default: the one set, else a new one)'))
    .action(async (account: string, url: string, flags: ReceiptFlags) => {
      const body = { url, taskStatusUrl: flags.taskStatusUrl ?? null, ...(flags.secret === undefined ? {} : { secret: flags.secret }) };
      const view = okJson(await (await requireServer(flags)).call('PUT', route(account), body)) as unknown as ReceiptsView;
      if (flags.json) return console.log(JSON.stringify(view));
      console.log(describe(view));
      console.log(`signing secret (receipts show never shows it; a later set without --secret keeps it): ${view.secret}`);
    });

  adminCommandOptions(receipts.command('clear')
    .description('stop pushing: the receiver and every message still waiting for it are removed')
    .argument('<account>', 'account id, one of its AccessKeyIds, or its name', accountOption))
    .action(async (account: string, flags: ReceiptFlags) => {
      const answer = okJson(await (await requireServer(flags)).call('DELETE', route(account)));
      console.log(flags.json ? JSON.stringify(answer) : `account ${String(answer.accountId)}: receipts no longer pushed`);
    });

  adminCommandOptions(receipts.command('failed')
    .description('batches given up on after their retry window (--receipt-retry-hours)')
    .argument('<account>', 'account id, one of its AccessKeyIds, or its name', accountOption)
    .option('--limit <n>', 'at most this many, 1-1000 (default 100)'))
    .action(async (account: string, flags: ReceiptFlags) => {
      const answer = okJson(await (await requireServer(flags)).call('GET', route(account, `/failed?limit=${encodeURIComponent(flags.limit ?? '100')}`)));
      const batches = answer.batches as Array<{ messageId: string; kind: string; messages: number; attempts: number; lastError: string | null }>;
      if (flags.json) return console.log(JSON.stringify(answer));
      if (batches.length === 0) return console.error('no failed batches');
      for (const b of batches) console.log(`${b.messageId}\t${b.kind}\t${b.messages} records\t${b.attempts} tries\t${b.lastError ?? ''}`);
    });

  adminCommandOptions(receipts.command('retry')
    .description('send the failed batches again, their retry window starting over')
    .argument('<account>', 'account id, one of its AccessKeyIds, or its name', accountOption))
    .action(async (account: string, flags: ReceiptFlags) => {
      const answer = okJson(await (await requireServer(flags)).call('POST', route(account, '/retry')));
      console.log(flags.json ? JSON.stringify(answer) : `account ${String(answer.accountId)}: ${String(answer.retried)} failed batches sent again`);
    });
}

function describe(v: ReceiptsView): string {
  if (v.url === null) return `account ${v.accountId}: no receiver (receipts set ACCOUNT URL)`;
  return [
    `account ${v.accountId}: VoiceReport → ${v.url}`,
    `  task statuses → ${v.taskStatusUrl ?? '(not pushed)'}`,
    `  delivered ${v.delivered} records; waiting ${v.queued}; batches in retry ${v.pendingBatches}, given up ${v.failedBatches}`,
    ...(v.lastError ? [`  last error: ${v.lastError}`] : []),
  ].join('\n');
}
