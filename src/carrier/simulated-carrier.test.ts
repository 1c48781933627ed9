import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CallEvent, PlaceRequest } from './carrier.js';
import { ScenarioBook } from './scenarios.js';
import { simulatedCarrier } from './simulated-carrier.js';
import { DEMO_DIALOGS } from '../dialog/demo-dialogs.js';
import { AttemptTracker } from '../engine/attempt-tracker.js';

const request = (number: string, attempt = 1): PlaceRequest => ({
  attemptId: attempt, taskId: 1, number, attempt, caller: '057156860006', startedAt: 1_000_000,
});
type Options = { seed?: number; timing?: 'realistic' | 'zero'; scenarios?: ScenarioBook; ledger?: (r: readonly PlaceRequest[]) => void; latencyMs?: number };
const carrier = (opts: Options = {}) => simulatedCarrier({
  seed: opts.seed ?? 1, timing: opts.timing ?? 'realistic', scenarios: opts.scenarios ?? new ScenarioBook(),
  ledger: { record: opts.ledger ?? (() => {}) }, latencyMs: opts.latencyMs,
});

/** Places the calls with the robot's conversation beside the carrier, as the engine does; their outcomes. */
async function dial(c: ReturnType<typeof carrier>, requests: PlaceRequest[]) {
  const tracker = new AttemptTracker(0, () => {});
  for (const r of requests) {
    const dialed = { taskId: r.taskId, accountId: 1, calleeSeq: r.attemptId, attempt: r.attempt, caller: r.caller, called: r.number, startedAt: r.startedAt };
    tracker.expect(r.attemptId, dialed, DEMO_DIALOGS[0]!, { name: '王先生' });
  }
  await c.place(requests, tracker.report);
  return tracker.takeFinished().map((o) => ({ ...o, ...o.result }));
}

test('the same (seed, number, attempt) always gives the same call; the ledger is written before any call is placed', async () => {
  const numbers = Array.from({ length: 50 }, (_, i) => `1370000${String(i).padStart(4, '0')}`);
  const requests = () => numbers.map((n, i) => ({ ...request(n), attemptId: i + 1 }));
  const a = await dial(carrier(), requests());
  assert.deepEqual(a, await dial(carrier(), requests()));
  assert.notDeepEqual(a.map((r) => r.code), (await dial(carrier({ seed: 2 }), requests())).map((r) => r.code));
  const events: CallEvent[] = [];
  await assert.rejects(carrier({ ledger: () => { throw new Error('disk full'); } }).place([request('13800200000')], (e) => events.push(e)), /disk full/);
  assert.deepEqual(events, [], 'nothing dialed without its ledger line');
});

test('each call is reported as events: ringing, early media or an answer with its line, then the end', async () => {
  const events: CallEvent[] = [];
  await carrier().place([{ ...request('13800200002'), attemptId: 1 }, { ...request('13800200000'), attemptId: 2 }], (e) => {
    events.push(e);
    if (e.kind === 'answered' && e.line.kind === 'simulated') e.line.finish(e.at + 5_000, 'robot');
  });
  assert.deepEqual(events.map((e) => `${e.attemptId}:${e.kind}`), ['1:ringing', '1:early-media', '1:ended', '2:ringing', '2:answered', '2:ended']);
  const ended = events.filter((e) => e.kind === 'ended');
  assert.deepEqual(ended.map((e) => [e.code, e.hangup]), [['200002', null], ['200000', 'robot']]);
  const answered = events.find((e) => e.kind === 'answered')!;
  assert.equal(ended[1]!.at - answered.at, 5_000, 'the call ends when the conversation says');
});

test('with a latency the events come after place() returns, later on the wall clock', async () => {
  const events: CallEvent[] = [];
  const t0 = performance.now();
  await carrier({ latencyMs: 80 }).place([request('13800200002')], (e) => events.push(e));
  assert.equal(events.length, 0);
  while (events.length < 3) await new Promise((r) => setTimeout(r, 5));
  assert.ok(performance.now() - t0 >= 75);
});

test('magic numbers: unanswered calls have no answer time and no transcript; answered ones run the dialog', async () => {
  const [busy, answered] = await dial(carrier(), [request('13800200002'), { ...request('13800200000'), attemptId: 2 }]);
  assert.deepEqual([busy!.code, busy!.answeredAt, busy!.transcript, busy!.hangup, busy!.earlyMediaCode], ['200002', null, [], null, '200002']);
  assert.ok(busy!.endedAt > 1_000_000);
  assert.equal(answered!.code, '200000');
  assert.match(answered!.transcript[0]!.content, /^您好王先生/);
  assert.ok(answered!.endedAt > answered!.answeredAt!);
});

test('200001: picked up, then hung up during the robot\'s first sentence', async () => {
  const [r] = await dial(carrier(), [request('13800200001')]);
  assert.deepEqual([r!.code, r!.hangup, r!.transcript.length, r!.rounds], ['200001', 'user', 1, 0]);
  assert.ok(r!.endedAt - r!.answeredAt! > 0 && r!.endedAt - r!.answeredAt! <= 3_000);
});

test('zero timing: every call ends the instant it starts', async () => {
  const [r] = await dial(carrier({ timing: 'zero' }), [request('13800200000')]);
  assert.deepEqual([r!.answeredAt, r!.endedAt], [1_000_000, 1_000_000]);
});

test('a scenario overrides outcomes per attempt (the last repeats), ring time and replies', async () => {
  const scenarios = new ScenarioBook([['13800200002', { outcomes: ['200005', '200000'], ringMs: 7_000, utterances: ['不需要'] }]]);
  const c = carrier({ scenarios });
  const [first] = await dial(c, [request('13800200002', 1)]);
  const [third] = await dial(c, [request('13800200002', 3)]);
  assert.deepEqual([first!.code, first!.endedAt - 1_000_000], ['200005', 7_000]);
  assert.deepEqual([third!.code, third!.answeredAt! - 1_000_000, third!.labels], ['200000', 7_000, ['拒绝']]);
});
