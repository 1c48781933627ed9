// Call receipts (docs/decisions.md D16): every finished call is pushed to the account's receiver as
// Alibaba's VoiceReport, once per message id, signed; task statuses as our own records; receivers
// that cannot be used are refused when set. A real receiving HTTP server, a real robotcall server.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EngineHarness, HOUR, MINUTE } from '../support/engine.js';
import { assertGolden, loadGolden } from '../support/golden.js';
import { scrape, value } from '../support/metrics.js';
import { ReceiptReceiver, untilOutboxEmpty, verifyReceipt, type Received } from '../support/receipt-receiver.js';
import { TEST_KEY } from '../support/test-server.js';

let h: EngineHarness;
let rx: ReceiptReceiver;
const route = `accounts/${TEST_KEY.accessKeyId}/receipts`;

before(async () => {
  rx = await ReceiptReceiver.start();
  h = await EngineHarness.start({ callsPerSecond: 1000, enginePoll: 0.1, receiptMaxBackoff: 1 });
});
after(async () => {
  await h.close();
  await rx.close();
});

/** Records of the messages of `type` the receiver took, in the order the outbox made them. */
function records(type: string): Array<Record<string, unknown>> {
  return rx.accepted().filter((r) => r.type === type)
    .sort((a, b) => Number(a.messageId) - Number(b.messageId)).flatMap((r) => r.records);
}

async function runToFinish(id: number): Promise<void> {
  for (let i = 0; i < 48 && (await h.status(id)) !== 'FINISH'; i++) await h.advance(HOUR);
  assert.equal(await h.status(id), 'FINISH');
}

describe('a campaign with a receiver set', () => {
  let secret: string;
  let id: number;

  before(async () => {
    const put = await h.admin('PUT', route, { url: rx.url(), taskStatusUrl: rx.url('/task-status') });
    assert.equal(put.status, 200, JSON.stringify(put.json));
    secret = put.json.secret as string;
    assert.match(secret, /^[A-Za-z0-9_-]{43}$/, 'a generated secret: 256 bits');
    id = await h.task(['13900200000', '13800200002', '13902200003', '13800200004', '13800200005'], {
      RetryType: 1, RecallStateCodes: '200002,200003', RecallTimes: 2, RecallInterval: 2,
    });
    await runToFinish(id);
  });

  test('every finished call arrives once, as a VoiceReport of its own', async () => {
    const calls = await h.calls(id);
    assert.equal(calls.length, 1 + 3 + 3 + 1 + 1, 'busy and no-answer numbers were redialed twice');
    await rx.until(() => records('VoiceReport').length >= calls.length, 10_000, 'every call reported');
    const reports = records('VoiceReport');
    assert.deepEqual(reports.map((r) => r.call_id).sort(), calls.map((c) => `${id}^${c.callId}`).sort());
    for (const r of rx.received) assert.equal(r.path, r.type === 'VoiceReport' ? '/voice-report' : '/task-status');
    for (const c of calls) {
      const r = reports.find((x) => x.call_id === `${id}^${c.callId}`)!;
      assert.deepEqual([r.status_code, r.callee, r.caller], [c.code, c.callee, c.caller]);
      assert.equal(r.duration, String(c.durationS));
    }
  });

  test('a VoiceReport has Alibaba\'s documented shape', async () => {
    const calls = await h.calls(id);
    const answered = calls.find((c) => c.callee === '13900200000')!;
    const busy = calls.find((c) => c.callee === '13800200002' && c.attempt === 2)!;
    const reports = records('VoiceReport');
    assertGolden(reports.find((r) => r.call_id === `${id}^${answered.callId}`), loadGolden('VoiceReport-answered'), {
      callId: `${id}^${answered.callId}`, duration: String(answered.durationS), bDuration: answered.durationS, outId: `ALICOM_SMART_SAAS^${id}^1`,
      caller: answered.caller, hangup: answered.hangup === 'user' ? '用户' : '机器',
    });
    assertGolden(reports.find((r) => r.call_id === `${id}^${busy.callId}`), loadGolden('VoiceReport-busy'), {
      callId: `${id}^${busy.callId}`, outId: `ALICOM_SMART_SAAS^${id}^2`, caller: busy.caller,
    });
  });

  test('every post is signed: the README\'s check passes, and fails for another body, id or secret', () => {
    const now = Math.floor(Date.now() / 1000);
    assert.ok(rx.received.length > 0);
    for (const r of rx.received) assert.ok(verifyReceipt(secret, r.signature, r.messageId, r.body, now), `message ${r.messageId} verifies`);
    const r = rx.received[0]!;
    assert.equal(verifyReceipt(secret, r.signature, r.messageId, r.body.replace('"', ' "'), now), false, 'a changed body');
    assert.equal(verifyReceipt(secret, r.signature, `${r.messageId}0`, r.body, now), false, 'another message id');
    assert.equal(verifyReceipt(`${secret}x`, r.signature, r.messageId, r.body, now), false, 'another secret');
    assert.equal(verifyReceipt(secret, r.signature, r.messageId, r.body, now + 3600), false, 'an hour-old signature');
  });

  test('task statuses come as our own records, every status the task took, with its totals', async () => {
    await rx.until(() => records('RobotTaskStatus').some((r) => r.status === 'FINISH'), 10_000, 'FINISH reported');
    const mine = records('RobotTaskStatus').filter((r) => r.task_id === String(id));
    assert.deepEqual(mine.map((r) => r.status), ['INIT', 'READY', 'DISPATCH', 'EXCUTING', 'FINISH']);
    assertGolden(mine.at(-1), loadGolden('RobotTaskStatus'), { taskId: String(id) });
  });

  test('the admin API counts what was delivered and shows no secret', async () => {
    const got = await h.admin('GET', route);
    assert.equal(got.status, 200);
    const summary = await untilOutboxEmpty(() => h.admin('GET', route));
    const accepted = rx.accepted().reduce((n, r) => n + r.records.length, 0);
    assert.deepEqual([summary.url, summary.failedBatches, summary.delivered], [rx.url(), 0, accepted]);
    assert.equal('secret' in got.json, false);
  });

  test('/metrics counts the posts and records delivered, and an empty backlog', async () => {
    const samples = await scrape(`http://127.0.0.1:${h.s.port}`);
    for (const kind of ['VoiceReport', 'RobotTaskStatus']) {
      const taken = rx.accepted().filter((r) => r.type === kind);
      assert.equal(value(samples, 'robotcall_receipt_deliveries_total', { kind, result: 'delivered' }), taken.length, kind);
      assert.equal(value(samples, 'robotcall_receipt_records_delivered_total', { kind }), taken.reduce((n, r) => n + r.records.length, 0), kind);
    }
    assert.equal(value(samples, 'robotcall_receipt_backlog'), 0);
    assert.equal(samples.has('robotcall_receipt_backlog'), true);
  });
});

describe('receivers that cannot be used', () => {
  const refusals: Array<[string, unknown, RegExp]> = [
    ['ftp', { url: 'ftp://example.com/x' }, /url must use http or https/],
    ['relative', { url: '/voice-report' }, /absolute/],
    ['credentials', { url: 'https://user:pass@example.com/' }, /credentials/],
    ['fragment', { url: 'https://example.com/#x' }, /fragment/],
    ['too long', { url: `https://example.com/${'a'.repeat(2048)}` }, /at most 2048/],
    ['not text', { url: 42 }, /url must be/],
    ['missing', {}, /url must be/],
    ['bad task-status URL', { url: 'https://example.com/', taskStatusUrl: 'mailto:x@example.com' }, /taskStatusUrl must use http/],
    ['short secret', { url: 'https://example.com/', secret: 'short' }, /secret must be 16-128/],
    ['unknown field', { url: 'https://example.com/', retries: 3 }, /unknown field "retries"/],
    ['empty fragment', { url: 'https://example.com/a#' }, /fragment/],
    ['surrounding spaces', { url: ' https://example.com/a ' }, /spaces/],
  ];
  for (const [name, body, message] of refusals) {
    test(`${name}: 400, and the receiver in force stays`, async () => {
      const before = await h.admin('GET', route);
      const r = await h.admin('PUT', route, body);
      assert.equal(r.status, 400, JSON.stringify(r.json));
      assert.match(r.json.error as string, message);
      assert.deepEqual(await h.admin('GET', route), before);
    });
  }

  test('an unknown account is 404; clearing drops the receiver and what waited for it', async () => {
    assert.equal((await h.admin('PUT', 'accounts/nobody/receipts', { url: 'https://example.com/' })).status, 404);
    const other = await h.admin('POST', 'keys', { account: 'receipts-clear' });
    const account = `accounts/${(other.json as { AccessKeyId: string }).AccessKeyId}/receipts`;
    assert.equal((await h.admin('DELETE', account)).status, 404, 'nothing to clear yet');
    assert.equal((await h.admin('PUT', account, { url: 'https://example.com/', secret: 'a-secret-of-our-own-0001' })).json.secret, 'a-secret-of-our-own-0001');
    assert.equal((await h.admin('PUT', account, { url: 'https://example.com/other' })).json.secret, 'a-secret-of-our-own-0001', 'kept when not given');
    assert.equal((await h.admin('DELETE', account)).status, 200);
    assert.equal((await h.admin('GET', account)).json.url, null);
  });
});

test('a receiver refusing with {"code":1} is tried again until it takes the batch', async () => {
  rx.mode = 'code-1';
  const before = rx.received.length;
  const id = await h.task(['13900200000'], { RetryType: 0 });
  await h.advance(MINUTE * 5);
  await rx.until(() => rx.received.slice(before).filter((r) => r.type === 'VoiceReport').length >= 2, 10_000, 'two refused tries');
  rx.mode = 'ok';
  const [call] = await h.calls(id);
  await rx.until(() => records('VoiceReport').some((r) => r.call_id === `${id}^${call!.callId}`), 10_000, 'the call taken');
  const tries: Received[] = rx.received.slice(before).filter((r) => r.records.some((x) => x.call_id === `${id}^${call!.callId}`));
  assert.ok(tries.length >= 3);
  assert.equal(new Set(tries.map((r) => r.messageId)).size, 1, 'one message id for every try');
  assert.equal(new Set(tries.map((r) => r.body)).size, 1, 'the same body every try');
  const samples = await scrape(`http://127.0.0.1:${h.s.port}`);
  assert.ok(value(samples, 'robotcall_receipt_deliveries_total', { kind: 'VoiceReport', result: 'retry' }) >= tries.length - 1, 'refused tries counted');
});

test('a receiver URL is stored parsed; one naming robotcall\'s own admin API acts on nothing there', async () => {
  const victim = (await h.admin('POST', 'keys', { account: 'receipts-victim' })).json as { AccessKeyId: string };
  const spaced = await h.admin('PUT', route, { url: 'http://127.0.0.1:9/a b' });
  assert.equal(spaced.json.url, 'http://127.0.0.1:9/a%20b', 'stored as it is posted to');
  // The server runs without an admin token on loopback: a delivery would otherwise pass its guard.
  const url = `http://127.0.0.1:${h.s.port}/_robotcall/keys/${victim.AccessKeyId}/disable`;
  assert.equal((await h.admin('PUT', route, { url })).status, 200);
  await h.task(['13900200000'], { RetryType: 0 });
  await h.advance(MINUTE * 5);
  for (let i = 0; i < 100 && !(await h.admin('GET', route)).json.lastError; i++) await new Promise((r) => setTimeout(r, 50));
  assert.match(String((await h.admin('GET', route)).json.lastError), /HTTP 403: .*cannot use the admin API/);
  const keys = (await h.admin('GET', 'keys')).json.keys as Array<{ AccessKeyId: string; Active: boolean }>;
  assert.equal(keys.find((k) => k.AccessKeyId === victim.AccessKeyId)?.Active, true, 'the key was not disabled');
  assert.equal((await h.admin('DELETE', route)).status, 200);
});
