import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DialRequest } from './carrier.js';
import { ScenarioBook } from './scenarios.js';
import { simulatedCarrier } from './simulated-carrier.js';
import { DEMO_DIALOGS } from '../dialog/demo-dialogs.js';

const request = (number: string, attempt = 1): DialRequest => ({
  attemptId: attempt, taskId: 1, number, attempt, caller: '057156860006', startedAt: 1_000_000, dialog: DEMO_DIALOGS[0]!, vars: { name: '王先生' },
});
const carrier = (opts: { seed?: number; timing?: 'realistic' | 'zero'; scenarios?: ScenarioBook; ledger?: (r: readonly DialRequest[]) => void } = {}) =>
  simulatedCarrier({ seed: opts.seed ?? 1, timing: opts.timing ?? 'realistic', scenarios: opts.scenarios ?? new ScenarioBook(), ledger: { record: opts.ledger ?? (() => {}) } });

test('the same (seed, number, attempt) always gives the same call; the ledger is written before any call is placed', async () => {
  const numbers = Array.from({ length: 50 }, (_, i) => `1370000${String(i).padStart(4, '0')}`);
  const a = await carrier().dial(numbers.map((n) => request(n)));
  const b = await carrier().dial(numbers.map((n) => request(n)));
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.map((r) => r.code), (await carrier({ seed: 2 }).dial(numbers.map((n) => request(n)))).map((r) => r.code));
  await assert.rejects(carrier({ ledger: () => { throw new Error('disk full'); } }).dial([request('13800200000')]), /disk full/);
});

test('magic numbers: unanswered calls have no answer time and no transcript; answered ones run the dialog', async () => {
  const [busy, answered] = await carrier().dial([request('13800200002'), request('13800200000')]);
  assert.deepEqual([busy!.code, busy!.answeredAt, busy!.transcript, busy!.hangup], ['200002', null, [], null]);
  assert.ok(busy!.endedAt > 1_000_000);
  assert.equal(answered!.code, '200000');
  assert.match(answered!.transcript[0]!.content, /^您好王先生/);
  assert.ok(answered!.endedAt > answered!.answeredAt!);
});

test('zero timing: every call ends the instant it starts', async () => {
  const [r] = await carrier({ timing: 'zero' }).dial([request('13800200000')]);
  assert.deepEqual([r!.answeredAt, r!.endedAt], [1_000_000, 1_000_000]);
});

test('a scenario overrides outcomes per attempt (the last repeats), ring time and replies', async () => {
  const scenarios = new ScenarioBook([['13800200002', { outcomes: ['200005', '200000'], ringMs: 7_000, utterances: ['不需要'] }]]);
  const c = carrier({ scenarios });
  const [first] = await c.dial([request('13800200002', 1)]);
  const [third] = await c.dial([request('13800200002', 3)]);
  assert.deepEqual([first!.code, first!.endedAt - 1_000_000], ['200005', 7_000]);
  assert.deepEqual([third!.code, third!.answeredAt! - 1_000_000, third!.labels], ['200000', 7_000, ['拒绝']]);
});
