// Concurrency and pace are never exceeded, as the call records show (docs/architecture.md §5), and money: a set
// balance runs out into ARREARS_STOP, a top-up lets the task resume (docs/decisions.md D7).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { TEST_KEY } from '../support/test-server.js';
import { EngineHarness, HOUR, type EngineCall } from '../support/engine.js';

let h: EngineHarness;
before(async () => { h = await EngineHarness.start({ taskConcurrency: 3, accountConcurrency: 5, callsPerSecond: 2, pricePerMinute: 5 }); });
after(async () => { await h.close(); });

/** Most calls in progress at any instant ([start, end) intervals). */
function maxOverlap(calls: EngineCall[]): number {
  const edges = calls.flatMap((c) => [[c.startedAt, 1], [c.endedAt, -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, d] of edges) most = Math.max(most, (now += d));
  return most;
}

const numbers = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

test('per-task and per-account concurrency and the per-account pace hold over two busy tasks', async () => {
  const a = await h.task(numbers('1391111', 15));
  const b = await h.task(numbers('1392222', 15));
  await h.advance(6 * HOUR);
  const [ca, cb] = [await h.calls(a), await h.calls(b)];
  assert.equal(await h.status(a), 'FINISH');
  assert.equal(await h.status(b), 'FINISH');
  assert.ok(maxOverlap(ca) <= 3 && maxOverlap(cb) <= 3, `per task: ${maxOverlap(ca)}, ${maxOverlap(cb)}`);
  assert.equal(Math.max(maxOverlap(ca), maxOverlap(cb)), 3, 'the task limit was reached, so the check means something');
  const all = [...ca, ...cb];
  assert.equal(maxOverlap(all), 5, 'account limit 5 reached and never exceeded');
  const starts = all.map((c) => c.startedAt).sort((x, y) => x - y);
  for (let i = 1; i < starts.length; i++) assert.ok(starts[i]! - starts[i - 1]! >= 500, `2 calls/s: starts ${starts[i - 1]} and ${starts[i]}`);
});

test('a balance that runs out stops the account\'s tasks for arrears; Start is refused until a top-up', async () => {
  const account = `accounts/${TEST_KEY.accessKeyId}/balance`;
  assert.deepEqual((await h.admin('PUT', account, { balanceFen: 7 })).json.balanceFen, 7);
  const id = await h.task(['13900200002', '13900200003', '13900200005', '13900200010', '13900200011', '13900200012', '13900200004', '13900200001']);
  await h.advance(HOUR);
  assert.equal(await h.status(id), 'ARREARS_STOP');
  const charged = await h.calls(id);
  const balance = (await h.admin('GET', account)).json.balanceFen as number;
  assert.equal(balance, 7 - charged.reduce((sum, c) => sum + c.costFen, 0), 'every answered call was charged');
  assert.ok(balance <= 0);
  assert.ok(charged.every((c) => c.costFen === 5 * Math.max(1, Math.ceil((c.endedAt - c.answeredAt!) / 60_000))), 'per started minute');
  assert.ok(charged.length < 8, 'dialing stopped before the list was done');
  await h.advance(HOUR);
  assert.equal((await h.calls(id)).length, charged.length, 'nothing dialed in arrears');
  const refused = await h.call('StartRobotTask', { TaskId: id });
  assert.equal(refused.body.Code, 'isv.AMOUNT_NOT_ENOUGH');
  assert.equal((await h.admin('POST', account, { topUpFen: 10_000 })).json.balanceFen, balance + 10_000);
  await h.ok('StartRobotTask', { TaskId: id });
  await h.advance(HOUR);
  assert.equal(await h.status(id), 'FINISH');
  assert.equal((await h.calls(id)).length, 8);
  assert.equal((await h.admin('PUT', account, { balanceFen: null })).json.balanceFen, null);
});
