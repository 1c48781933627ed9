// `robotcall receipts` against a real server by address (--url with its admin token): set a receiver
// (the secret printed once), show it, list failed batches, retry, clear; a URL the server refuses and
// a refused token are errors that change nothing (README "Call receipts").
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { admin } from '../support/admin.js';
import { runCli } from '../support/process.js';
import { TEST_KEY, startTestServer, type TestServer } from '../support/test-server.js';

const TOKEN = 'receipts-command-token';
let s: TestServer;
let byUrl: string[];
let accountId = 0;
before(async () => {
  s = await startTestServer({ flags: { adminToken: TOKEN, host: '127.0.0.1' } });
  byUrl = ['--url', `http://127.0.0.1:${s.port}`, '--admin-token', TOKEN];
  accountId = (await admin(s.port, 'GET', `accounts/${TEST_KEY.accessKeyId}/balance`, undefined, TOKEN)).json.accountId as number;
});
after(() => s.close());

const stored = async () => (await admin(s.port, 'GET', `accounts/${accountId}/receipts`, undefined, TOKEN)).json;

test('receipts set, show, failed, retry and clear, the account named by AccessKeyId or id', async () => {
  const none = await runCli(['receipts', TEST_KEY.accessKeyId, ...byUrl]);
  assert.equal(none.code, 0, none.stderr);
  assert.equal(none.stdout, `account ${accountId}: no receiver (receipts set ACCOUNT URL)\n`);

  const set = await runCli(['receipts', 'set', String(accountId), 'https://receiver.example.com/vr', '--task-status-url', 'https://receiver.example.com/ts', ...byUrl]);
  assert.equal(set.code, 0, set.stderr);
  const secret = /signing secret \(receipts show never shows it[^)]*\): (\S+)\n/.exec(set.stdout)?.[1];
  assert.match(secret ?? '', /^[A-Za-z0-9_-]{43}$/, set.stdout);
  assert.deepEqual([(await stored()).url, (await stored()).taskStatusUrl], ['https://receiver.example.com/vr', 'https://receiver.example.com/ts']);

  const shown = await runCli(['receipts', 'show', TEST_KEY.accessKeyId, '--json', ...byUrl]);
  const view = JSON.parse(shown.stdout) as Record<string, unknown>;
  assert.deepEqual([view.url, view.delivered, view.queued, 'secret' in view], ['https://receiver.example.com/vr', 0, 0, false]);

  const failed = await runCli(['receipts', 'failed', String(accountId), ...byUrl]);
  assert.deepEqual([failed.code, failed.stdout], [0, '']);
  assert.match(failed.stderr, /^no failed batches$/m);
  const retried = await runCli(['receipts', 'retry', String(accountId), '--json', ...byUrl]);
  assert.deepEqual(JSON.parse(retried.stdout), { accountId, retried: 0 });

  const again = await runCli(['receipts', 'set', String(accountId), 'https://receiver.example.com/other', '--json', ...byUrl]);
  assert.equal((JSON.parse(again.stdout) as { secret: string }).secret, secret, 'a set without --secret keeps the secret');
  assert.equal((await stored()).taskStatusUrl, null, 'no --task-status-url: no task statuses');

  const cleared = await runCli(['receipts', 'clear', String(accountId), ...byUrl]);
  assert.equal(cleared.stdout, `account ${accountId}: receipts no longer pushed\n`, cleared.stderr);
  assert.equal((await stored()).url, null);
  const clearedAgain = await runCli(['receipts', 'clear', String(accountId), ...byUrl]);
  assert.equal(clearedAgain.code, 1);
  assert.match(clearedAgain.stderr, /has no receipt receiver/);
});

test('receipts refuses what the server refuses, and a wrong token: exit 1, nothing changed', async () => {
  const results = await Promise.all([
    runCli(['receipts', 'set', String(accountId), 'ftp://receiver.example.com/', ...byUrl]),
    runCli(['receipts', 'set', String(accountId), 'https://receiver.example.com/', '--secret', 'short', ...byUrl]),
    runCli(['receipts', 'show', 'nosuchaccount', ...byUrl]),
    runCli(['receipts', 'set', String(accountId), 'https://receiver.example.com/', '--url', `http://127.0.0.1:${s.port}`, '--admin-token', 'wrong']),
  ]);
  const messages = [/url must use http or https/, /secret must be 16-128/, /no account nosuchaccount/, /admin API refused the command \(401/];
  results.forEach((r, i) => {
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stderr, messages[i]!);
  });
  assert.equal((await stored()).url, null);
});
