// Several processes on one PostgreSQL share one outbox (docs/decisions.md D16): each batch is posted
// by one of them, never by two. DB=postgres only: the embedded store's data dir has one process.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { Cluster } from '../support/cluster.js';
import { ReceiptReceiver } from '../support/receipt-receiver.js';
import { TEST_KEY, usePostgres } from '../support/test-server.js';

const skip = !usePostgres && 'DB=postgres only (several processes share one PostgreSQL)';
let cluster: Cluster | null = null;
let rx: ReceiptReceiver | null = null;
after(async () => {
  await cluster?.close();
  await rx?.close();
});

test('a serve and two workers post every call once, between them', { skip, timeout: 100_000 }, async () => {
  rx = await ReceiptReceiver.start();
  // Slow answers, so batches wait while others are in flight: every process finds some to claim.
  rx.delayMs = 300;
  cluster = await Cluster.create();
  const flags = ['--carrier-timing', 'zero', '--calls-per-second', '1000', '--task-concurrency', '1000', '--account-concurrency', '1000',
    '--engine-poll', '0.1'];
  await cluster.serve(flags);
  await cluster.worker(flags);
  await cluster.worker(flags);
  assert.equal((await cluster.admin('PUT', `accounts/${TEST_KEY.accessKeyId}/receipts`, { url: rx.url() })).status, 200);
  const id = await cluster.task(Array.from({ length: 3000 }, (_, i) => `1332000${String(i).padStart(4, '0')}`));
  await cluster.ok('StartRobotTask', { TaskId: id });
  await cluster.finished(id, 60_000);
  const calls = await cluster.calls(id);
  assert.equal(calls.length, 3000);
  assert.ok(new Set(calls.map((c) => c.owner)).size >= 2, 'several processes dialed');

  await rx.until(() => rx!.received.reduce((n, r) => n + r.records.length, 0) >= 3000, 60_000, 'every call posted');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const ids = rx.received.map((r) => r.messageId);
  assert.equal(new Set(ids).size, ids.length, 'no message id posted twice');
  const callIds = rx.received.flatMap((r) => r.records.map((x) => x.call_id as string));
  assert.equal(callIds.length, 3000, 'no call posted twice');
  assert.deepEqual(new Set(callIds), new Set(calls.map((c) => `${id}^${c.id}`)));
});
