// Receipts survive what production does to them (docs/decisions.md D16): a receiver down for a
// minute (refusing with 503, then with {"code":1}, then cutting every connection) and robotcall
// restarted meanwhile. Every finished call still arrives, each in one message id only.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { test } from 'node:test';
import type { ConfigFlags } from '../../src/config.js';
import { EngineHarness, HOUR } from '../support/engine.js';
import { ReceiptReceiver, untilOutboxEmpty } from '../support/receipt-receiver.js';
import { TEST_KEY, freshDataDir, freshDatabase, startTestServer, usePostgres } from '../support/test-server.js';

const DOWNTIME_MS = 60_000;
const FLAGS: ConfigFlags = { clock: 'manual', callsPerSecond: 1000, enginePoll: 0.1, receiptMaxBackoff: 2 };

test('every finished call arrives once per message id through 60 s of receiver downtime and a restart', { timeout: 115_000 }, async () => {
  const db = usePostgres ? await freshDatabase() : null;
  const dataDir = db ? undefined : await freshDataDir();
  const start = async () => new EngineHarness(await startTestServer({ flags: FLAGS, dataDir, databaseUrl: db?.url, keepStore: true }));
  const rx = await ReceiptReceiver.start();
  let h = await start();
  try {
    rx.mode = 'http-503';
    const route = `accounts/${TEST_KEY.accessKeyId}/receipts`;
    assert.equal((await h.admin('PUT', route, { url: rx.url() })).status, 200);
    // 250 callees, their outcomes from the carrier's seeded distribution.
    const numbers = Array.from({ length: 250 }, (_, i) => `1331000${String(i).padStart(4, '0')}`);
    const id = await h.task(numbers, { RetryType: 0 });
    for (let i = 0; i < 12 && (await h.status(id)) !== 'FINISH'; i++) await h.advance(HOUR);
    assert.equal(await h.status(id), 'FINISH');
    const calls = await h.calls(id);
    assert.equal(calls.length, 250);

    await rx.until(() => rx.received.length > 0, 10_000, 'a first try');
    const downSince = Date.now();
    await rx.until(() => rx.received.length >= 3, 10_000, 'tries answered 503');
    rx.mode = 'code-1';
    const seen = rx.received.length;
    await rx.until(() => rx.received.length > seen, 10_000, 'a try refused with code 1');
    rx.down();

    // Restarted while the receiver is away: the outbox is in the store, not in the process.
    await h.close();
    h = await start();

    await new Promise((resolve) => setTimeout(resolve, Math.max(0, downSince + DOWNTIME_MS - Date.now())));
    assert.equal(rx.accepted().length, 0, 'nothing was taken while the receiver was down');
    rx.mode = 'ok';
    rx.up();
    const wanted = new Set(calls.map((c) => `${id}^${c.callId}`));
    const taken = () => new Set(rx.accepted().flatMap((r) => r.records.map((x) => x.call_id as string)));
    await rx.until(() => taken().size >= wanted.size, 20_000, 'every call taken');

    assert.deepEqual([...taken()].sort(), [...wanted].sort());
    // Each call in exactly one message id, and each message id with one body however often it went.
    const idsOfCall = new Map<string, Set<string>>();
    const bodies = new Map<string, Set<string>>();
    for (const r of rx.received) {
      bodies.set(r.messageId, (bodies.get(r.messageId) ?? new Set()).add(r.body));
      for (const x of r.records) idsOfCall.set(x.call_id as string, (idsOfCall.get(x.call_id as string) ?? new Set()).add(r.messageId));
    }
    for (const [call, ids] of idsOfCall) assert.equal(ids.size, 1, `call ${call} went in one message id`);
    for (const [messageId, b] of bodies) assert.equal(b.size, 1, `message ${messageId} kept its body`);
    const sizes = rx.accepted().map((r) => r.records.length);
    assert.equal(sizes.reduce((a, b) => a + b), 250);
    assert.ok(Math.max(...sizes) <= 100, `batches of at most 100 records: ${sizes.join(', ')}`);
    const summary = await untilOutboxEmpty(() => h.admin('GET', route));
    assert.deepEqual([summary.queued, summary.pendingBatches, summary.failedBatches, summary.delivered], [0, 0, 0, 250]);
  } finally {
    await h.close();
    await rx.close();
    await db?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
});
