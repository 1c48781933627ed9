import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { admin } from '../support/admin.js';
import { client, type Caller } from '../support/clients.js';
import { UNSTORABLE, storedTasks } from '../support/stored-state.js';
import { startTestServer, TEST_KEY, type TestServer } from '../support/test-server.js';

const ROBOT = 1000000075003;
const CONTROLS = [...UNSTORABLE, '\ud800'];
const MAX_FEN = 1_000_000_000_000;

let s: TestServer;
let v3: Caller;
let taskId: number;
let snapshot: string;
const acct = `accounts/${TEST_KEY.accessKeyId}`;

/** Everything the admin API can change, read back through it, and the account's tasks. */
async function storedState(): Promise<string> {
  const reads = await Promise.all([`${acct}/balance`, `${acct}/robots`, 'carrier/scenarios', 'keys', 'clock', `tasks/${taskId}`]
    .map(async (route) => (await admin(s.port, 'GET', route)).json));
  return JSON.stringify([reads, await storedTasks(v3)]);
}

async function bad(method: string, route: string, body: unknown, status = 400, raw?: string): Promise<string> {
  const r = raw === undefined ? await admin(s.port, method, route, body)
    : await fetch(`http://127.0.0.1:${s.port}/_robotcall/${route}`, { method, headers: { 'content-type': 'application/json' }, body: raw })
      .then(async (res) => ({ status: res.status, json: (await res.json()) as Record<string, unknown> }));
  assert.equal(r.status, status, `${method} ${route} ${raw ?? JSON.stringify(body)}: ${JSON.stringify(r.json)}`);
  assert.equal(typeof r.json.error, 'string');
  return r.json.error as string;
}

before(async () => {
  s = await startTestServer({ flags: { clock: 'manual' } });
  v3 = client('openapi-v3', s);
  taskId = Number((await v3('CreateRobotTask', {
    TaskName: 'admin limits', DialogId: ROBOT, Caller: '057156860008', NumberStatusIdent: false, RetryType: 0,
  })).body.Data);
  snapshot = await storedState();
});
after(async () => {
  assert.equal(await storedState(), snapshot);
  await s.close();
});

describe('money', () => {
  test('top-ups and set balances stay within ±10^12 fen; the account keeps working', async () => {
    assert.match(await bad('POST', `${acct}/balance`, { topUpFen: 9007199254740991 }), /topUpFen .*1000000000000/);
    for (const fen of [MAX_FEN + 1, -MAX_FEN - 1, 1.5, '5']) await bad('PUT', `${acct}/balance`, { balanceFen: fen });
    assert.equal((await admin(s.port, 'POST', `${acct}/balance`, { topUpFen: MAX_FEN })).json.balanceFen, MAX_FEN);
    assert.match(await bad('POST', `${acct}/balance`, { topUpFen: 1 }), /past 1000000000000/);
    assert.equal((await admin(s.port, 'PUT', `${acct}/balance`, { balanceFen: -MAX_FEN })).json.balanceFen, -MAX_FEN);
    assert.equal((await admin(s.port, 'POST', `${acct}/balance`, { topUpFen: MAX_FEN })).json.balanceFen, 0);
    assert.equal((await v3('QueryRobotTaskList', {})).status, 200);
    assert.equal((await admin(s.port, 'PUT', `${acct}/balance`, { balanceFen: null })).status, 200);
  });

  test('--price-per-minute is at most 100,000 fen, so a call never costs past what the store holds', () => {
    assert.equal(loadConfig({}, { pricePerMinute: 100_000 }).pricePerMinute, 100_000);
    assert.throws(() => loadConfig({}, { pricePerMinute: 100_001 }), /price-per-minute/);
    assert.throws(() => loadConfig({ ROBOTCALL_PRICE_PER_MINUTE: '9007199254740991' }), /ROBOTCALL_PRICE_PER_MINUTE/);
  });
});

describe('ids and pages', () => {
  test('ids that cannot exist are 404; offsets and limits out of range are 400', async () => {
    await bad('GET', 'tasks/99999999999999999999', undefined, 404);
    await bad('GET', 'tasks/99999999999999999999/calls', undefined, 404);
    await bad('GET', 'accounts/99999999999999999999/balance', undefined, 404);
    for (const q of ['offset=9223372036854775808', 'offset=2147483648', 'offset=1e3', 'offset=0x10', 'offset=-1', 'limit=10001', 'limit=1.0']) {
      await bad('GET', `tasks/${taskId}/calls?${q}`, undefined);
      await bad('GET', `tasks/${taskId}/callees?${q}`, undefined);
    }
    assert.equal((await admin(s.port, 'GET', `tasks/${taskId}/calls?offset=2147483647&limit=10000`)).status, 200);
  });
});

describe('text in admin JSON', () => {
  test('control characters anywhere in a body, in strings or keys, are 400', async () => {
    for (const c of CONTROLS) {
      const esc = JSON.stringify(c).slice(1, -1);
      await bad('PUT', `${acct}/robots/${ROBOT}`, undefined, 400, `{"name":"robot${esc}"}`);
      await bad('PUT', `${acct}/robots/${ROBOT}`, undefined, 400, `{"name":"robot","note${esc}":1}`);
      await bad('PUT', `${acct}/robots/${ROBOT}`, { dialog: { start: 'a', nodes: { a: { say: `hi${c}`, hangup: true } } } });
      await bad('PUT', 'carrier/scenarios/13800138000', { utterances: [`好${c}`] });
      await bad('POST', 'keys', { account: `team${c}` });
    }
  });

  test('control characters in a path name nothing', async () => {
    await bad('POST', 'keys/%00/disable', undefined, 404);
    await bad('POST', `keys/${TEST_KEY.accessKeyId}%00/enable`, undefined, 404);
    await bad('GET', 'accounts/%00/balance', undefined, 404);
    await bad('GET', `accounts/${TEST_KEY.accessKeyId}%00/robots`, undefined, 404);
    await bad('PUT', 'carrier/scenarios/1380013800%00', { outcomes: ['200000'] });
  });

  test('dialogs, scenarios and account names have maximum sizes', async () => {
    const robot = (dialog: unknown) => bad('PUT', `${acct}/robots/${ROBOT}`, { dialog });
    const nodes = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`n${i}`, { say: 'x', hangup: true }]));
    assert.match(await robot({ start: 'n0', nodes }), /200/);
    await robot({ start: 'a', nodes: { a: { say: 'x'.repeat(501), hangup: true } } });
    await robot({ start: 'n'.repeat(65), nodes: { ['n'.repeat(65)]: { hangup: true } } });
    const ask = (intents: unknown[]) => ({ start: 'a', nodes: { a: { ask: { intents, default: 'b' } }, b: { hangup: true } } });
    await robot(ask(Array.from({ length: 21 }, () => ({ kind: 'sure', keywords: ['好'], next: 'b' }))));
    await robot(ask([{ kind: 'sure', keywords: Array.from({ length: 51 }, (_, i) => `k${i}`), next: 'b' }]));
    await robot(ask([{ kind: 'sure', keywords: ['k'.repeat(51)], next: 'b' }]));
    await robot(ask([{ kind: 'sure', keywords: ['好'], next: 'b', label: 'l'.repeat(51) }]));
    const cases = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`v${i}`, 'b']));
    await robot({ start: 'a', nodes: { a: { branch: { var: 'name', cases, default: 'b' } }, b: { hangup: true } } });
    await bad('PUT', 'carrier/scenarios/13800138000', { utterances: Array.from({ length: 101 }, () => '好') });
    await bad('PUT', 'carrier/scenarios/13800138000', { utterances: ['好'.repeat(501)] });
    await bad('PUT', 'carrier/scenarios/13800138000', { outcomes: Array.from({ length: 21 }, () => '200000') });
    await bad('POST', 'keys', { account: 'a'.repeat(65) });
  });
});

describe('the engine clock', () => {
  test('it cannot be moved past 9998-01-01 00:00:00 UTC, so every time stays renderable', async () => {
    const { now } = (await admin(s.port, 'GET', 'clock')).json as { now: number };
    await bad('POST', 'clock/advance', { to: 9007199254740991 });
    await bad('POST', 'clock/advance', { to: Date.UTC(9998, 0, 1) + 1 });
    await bad('POST', 'clock/advance', { ms: 9007199254740991 - now });
    await bad('POST', 'clock/advance', { to: '9999-12-31 00:00:00' });
    const clock = await admin(s.port, 'GET', 'clock');
    assert.deepEqual([clock.status, clock.json.now], [200, now]);
  });
});

describe('types in admin JSON', () => {
  test('a value of the wrong type is a clear 400, never coerced or a 500', async () => {
    for (const account of [123, true, {}, [], '']) {
      assert.match(await bad('POST', 'keys', { account }), /account must be a text of 1 to 64 characters/, JSON.stringify(account));
    }
    const robots = `${acct}/robots`;
    assert.match(await bad('POST', robots, { name: 7 }), /name must be a text/);
    assert.match(await bad('PUT', `${robots}/${ROBOT}`, { auditStatus: 1 }), /auditStatus must be one of/);
    assert.match(await bad('POST', `${acct}/balance`, { topUpFen: '5' }), /topUpFen must be an integer/);
    assert.match(await bad('PUT', `${acct}/balance`, { balanceFen: '5' }), /balanceFen must be an integer/);
    assert.match(await bad('POST', 'clock/advance', { ms: '1000' }), /give \{"ms"/);
    assert.match(await bad('POST', 'clock/advance', { to: false }), /give \{"ms"/);
    assert.match(await bad('POST', 'reset', { clock: 'yes' }), /clock must be true or false/);
    assert.equal((await bad('PUT', 'carrier/scenarios/13800138000', { ringMs: '5' })).length > 0, true);
  });
});
