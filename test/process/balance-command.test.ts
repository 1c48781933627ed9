// `robotcall balance ACCOUNT [--top-up FEN | --set FEN|unlimited]` against a real server by address
// (--url with its admin token): the account named by id, AccessKeyId or name; bad amounts, unknown
// accounts and a refused token are errors that change nothing.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { admin } from '../support/admin.js';
import { robotcall, runCli } from '../support/process.js';
import { TEST_KEY, freshStoreArgs } from '../support/test-server.js';

const TOKEN = 'balance-command-token';
const cleanups: Array<() => Promise<void> | void> = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

let port = 0;
let url = '';
let accountId = 0;

before(async () => {
  const storeArgs = await freshStoreArgs(cleanups);
  const server = robotcall(['serve', '--port', '0', '--admin-token', TOKEN, ...storeArgs], {
    ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret,
  });
  cleanups.push(async () => { server.child.kill('SIGTERM'); await server.exited(); });
  url = await server.ready();
  port = Number(new URL(url).port);
  accountId = (await admin(port, 'GET', `accounts/${TEST_KEY.accessKeyId}/balance`, undefined, TOKEN)).json.accountId as number;
});

const byUrl = () => ['--url', url, '--admin-token', TOKEN];
const stored = async () => (await admin(port, 'GET', `accounts/${accountId}/balance`, undefined, TOKEN)).json.balanceFen;

test('balance shows, tops up and sets an account\'s balance, named by id, AccessKeyId or name', async () => {
  const shown = await runCli(['balance', String(accountId), ...byUrl()]);
  assert.equal(shown.code, 0, shown.stderr);
  assert.equal(shown.stdout, `account ${accountId}: unlimited\n`);

  const topped = await runCli(['balance', TEST_KEY.accessKeyId, '--top-up', '12345', ...byUrl()]);
  assert.equal(topped.stdout, `account ${accountId}: 12345 fen (¥123.45)\n`, topped.stderr);
  assert.equal(await stored(), 12345);
  const again = await runCli(['balance', 'default', '--top-up', '55', '--json', ...byUrl()]);
  assert.deepEqual(JSON.parse(again.stdout), { accountId, balanceFen: 12400 });

  const negative = await runCli(['balance', String(accountId), '--set', '-250', ...byUrl()]);
  assert.equal(negative.stdout, `account ${accountId}: -250 fen (-¥2.50)\n`, negative.stderr);
  assert.equal(await stored(), -250);
  const unlimited = await runCli(['balance', String(accountId), '--set', 'unlimited', '--json', ...byUrl()]);
  assert.deepEqual(JSON.parse(unlimited.stdout), { accountId, balanceFen: null });
  assert.equal(await stored(), null);
});

test('balance refuses bad amounts, an unknown account and a refused token: exit 1, the balance unchanged', async () => {
  assert.equal((await admin(port, 'PUT', `accounts/${accountId}/balance`, { balanceFen: 700 }, TOKEN)).status, 200);
  const refusals: Array<[string[], RegExp]> = [
    [['balance', String(accountId), '--top-up', '-5'], /--top-up.*whole number of fen from 1 to 1,000,000,000,000/],
    [['balance', String(accountId), '--top-up', '0'], /--top-up.*from 1 to/],
    [['balance', String(accountId), '--top-up', '2.5'], /--top-up.*whole number of fen/],
    [['balance', String(accountId), '--top-up', '1000000000001'], /--top-up.*to 1,000,000,000,000/],
    [['balance', String(accountId), '--set', 'lots'], /--set.*or "unlimited"/],
    [['balance', String(accountId), '--set', '5', '--top-up', '5'], /give --top-up or --set, not both/],
    [['balance', '', '--top-up', '5'], /an account cannot be empty/],
    // The server's refusals: no such account; a top-up past the bound.
    [['balance', 'LTAInosuchkey', '--top-up', '5'], /no account LTAInosuchkey/],
    [['balance', String(accountId), '--top-up', '1000000000000'], /would take the balance \(700\) past 1000000000000 fen/],
  ];
  const results = await Promise.all([
    ...refusals.map(([args]) => runCli([...args, ...byUrl()])),
    runCli(['balance', String(accountId), '--top-up', '5', '--url', url, '--admin-token', 'wrong-token']),
  ]);
  refusals.forEach(([args, message], i) => {
    assert.equal(results[i]!.code, 1, `${args.join(' ')}: ${results[i]!.stdout}`);
    assert.match(results[i]!.stderr, message, args.join(' '));
    assert.equal(results[i]!.stdout, '');
  });
  const refused = results.at(-1)!;
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /admin API refused the command \(401/);
  assert.equal(await stored(), 700);
});

test('balance --help names its options', async () => {
  const r = await runCli(['balance', '--help']);
  assert.equal(r.code, 0);
  for (const option of ['<account>', '--top-up', '--set', '--url', '--admin-token', '--data-dir', '--json']) assert.ok(r.stdout.includes(option), option);
});
