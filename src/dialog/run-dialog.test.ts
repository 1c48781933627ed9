import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateDialog, DialogError } from './dialog-format.js';
import { matchIntent, runDialog, type Reply } from './run-dialog.js';

const dialog = validateDialog({
  start: 'q',
  nodes: {
    q: {
      say: '${name}您好，方便吗？',
      ask: { intents: [{ kind: 'sure', keywords: ['方便'], next: 'route', label: '接通' }, { kind: 'deny', keywords: ['不方便'], next: 'bye' }], default: 'bye' },
    },
    route: { branch: { var: 'level', cases: { vip: 'agent' }, default: 'bye' } },
    agent: { say: '转人工', transfer: '057112345678' },
    bye: { say: '再见', hangup: true },
  },
});
const timing = { robotMs: (t: string) => t.length * 100, calleeMs: () => 1_000 };
const saying = (...replies: Reply[]) => ({ reply: (round: number) => replies[round - 1] ?? { silence: true as const } });

test('the longest keyword wins: 不方便 is a denial although it contains 方便', () => {
  const intents = dialog.nodes.q!.ask!.intents;
  assert.equal(matchIntent(intents, '现在不方便')!.kind, 'deny');
  assert.equal(matchIntent(intents, '方便的')!.kind, 'sure');
  assert.equal(matchIntent(intents, '嗯'), null);
});

test('say fills variables, ask counts and labels, branch follows a variable, transfer ends the call', () => {
  const out = runDialog(dialog, { name: '王先生', level: 'vip' }, saying({ say: '方便' }), timing);
  assert.deepEqual(out.transcript.map((u) => [u.role, u.content]), [['robot', '王先生您好，方便吗？'], ['custom', '方便'], ['robot', '转人工']]);
  assert.deepEqual([out.rounds, out.counters.sure, out.labels, out.transfer, out.hangup], [1, 1, ['接通'], '057112345678', 'robot']);
  assert.equal(out.durationMs, '王先生您好，方便吗？'.length * 100 + 1_000 + '转人工'.length * 100);
});

test('silence takes the default path; a callee hanging up ends the call on their side', () => {
  const silent = runDialog(dialog, {}, saying({ silence: true }), timing);
  assert.deepEqual([silent.counters.default, silent.transcript.at(-1)!.content, silent.hangup], [1, '再见', 'robot']);
  assert.equal(silent.transcript[0]!.content, '您好，方便吗？', 'a variable without a value renders empty');
  const gone = runDialog(dialog, {}, saying({ hangup: true }), timing);
  assert.deepEqual([gone.hangup, gone.transcript.length], ['user', 1]);
});

test('a dialog that loops is cut off', () => {
  const loop = validateDialog({ start: 'a', nodes: { a: { say: 'x', next: 'a' } } });
  assert.equal(runDialog(loop, {}, saying(), timing).transcript.length, 50);
});

test('validation says what is wrong and where', () => {
  assert.throws(() => validateDialog({ start: 'a', nodes: { a: { say: 'x' } } }), /dialog\.nodes\.a: needs exactly one of/);
  assert.throws(() => validateDialog({ start: 'a', nodes: { a: { ask: { intents: [], default: 'a' } } } }), DialogError);
  assert.throws(() => validateDialog({ start: 'b', nodes: { a: { hangup: true } } }), /dialog\.start names node "b"/);
  assert.throws(() => validateDialog({ start: 'a', nodes: { a: { hangup: true, colour: 'red' } } }), /dialog\.nodes\.a/);
});

test('a key pressed chooses the intent listing it, before any keyword; an unlisted key falls to the keywords, then the default', () => {
  const keyed = validateDialog({
    start: 'q',
    nodes: {
      q: {
        say: '满意请按1，不满意请按2',
        ask: { intents: [{ kind: 'sure', keywords: ['满意', '1'], digits: ['1'], next: 'bye' }, { kind: 'deny', keywords: ['不满意'], digits: ['2', '#'], next: 'bye' }], default: 'bye' },
      },
      bye: { say: '再见', hangup: true },
    },
  });
  const intents = keyed.nodes.q!.ask!.intents;
  assert.equal(matchIntent(intents, '2')!.kind, 'deny');
  assert.equal(matchIntent(intents, '#')!.kind, 'deny');
  assert.equal(matchIntent(intents, '1')!.kind, 'sure');
  assert.equal(matchIntent(intents, '3'), null);
  assert.throws(() => validateDialog({ start: 'q', nodes: { q: { ask: { intents: [{ kind: 'sure', keywords: ['x'], digits: ['12'], next: 'q' }], default: 'q' } } } }), /a key: 0-9, \* or #/);
});
