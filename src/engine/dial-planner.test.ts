import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DialPlanner } from './dial-planner.js';

const due = (taskId: number, dueAt = 0, accountId = 1) => ({ taskId, accountId, dueAt });

test('one call per free line per round; the round after, calls chain on the lines at their ends', () => {
  const p = new DialPlanner({ taskConcurrency: 2, accountConcurrency: 10, callsPerSecond: 1000 }, false);
  p.load([], new Map());
  const first = p.planRound([due(1), due(1), due(1)], 0, 60_000);
  assert.deepEqual(first.planned.map((x) => x.startAt), [0, 1], 'two lines; starts 1 ms apart (pace)');
  assert.deepEqual(first.paceWaitUntil, null);
  // The next round is loaded from what the database then holds: both calls, with their ends.
  p.load([{ taskId: 1, accountId: 1, startsAt: 0, endsAt: 30_000 }, { taskId: 1, accountId: 1, startsAt: 1, endsAt: 10_000 }], p.paceOf([1]));
  const second = p.planRound([due(1)], 0, 60_000);
  assert.deepEqual(second.planned.map((x) => x.startAt), [10_000], 'on the line that frees first');
});

test('the account limit binds across tasks; a call does not start past the window', () => {
  const p = new DialPlanner({ taskConcurrency: 5, accountConcurrency: 2, callsPerSecond: 1000 }, false);
  p.load([{ taskId: 1, accountId: 1, startsAt: 0, endsAt: 70_000 }], new Map());
  const round = p.planRound([due(2), due(3)], 0, 60_000);
  assert.equal(round.planned.length, 1, 'one account line is held until after the window');
});

test('lines are rebuilt from calls in flight that chain on one line (a call planned ahead holds it too)', () => {
  const p = new DialPlanner({ taskConcurrency: 1, accountConcurrency: 10, callsPerSecond: 1000 }, false);
  p.load([{ taskId: 1, accountId: 1, startsAt: 0, endsAt: 20_000 }, { taskId: 1, accountId: 1, startsAt: 20_000, endsAt: 50_000 }], new Map());
  assert.deepEqual(p.planRound([due(1)], 10_000, 100_000).planned.map((x) => x.startAt), [50_000]);
});

test('pace: starts of one account at least 1000/N ms apart, across rounds, and the wait is reported', () => {
  const p = new DialPlanner({ taskConcurrency: 10, accountConcurrency: 10, callsPerSecond: 2 }, true);
  p.load([], new Map());
  const round = p.planRound([due(1), due(1), due(1)], 0, 1_200);
  assert.deepEqual(round.planned.map((x) => x.startAt), [0, 500, 1_000]);
  const next = p.planRound([due(1)], 0, 1_200);
  assert.deepEqual([next.planned.length, next.paceWaitUntil], [0, 1_500]);
  assert.deepEqual([...p.paceOf([1, 2])], [[1, 1_500]], 'what the round stores: only accounts that dialed');
  assert.equal(p.paceBlockedUntil(1, 1_200), 1_500);
});

test('pace stored by another process holds: a fresh planner loaded with it starts no earlier', () => {
  const p = new DialPlanner({ taskConcurrency: 10, accountConcurrency: 10, callsPerSecond: 2 }, true);
  p.load([], new Map([[1, 700.5]]));
  assert.equal(p.capacity(1, 1, 1_200), 1, 'room for one start in [700.5, 1200)');
  assert.deepEqual(p.planRound([due(1), due(1)], 0, 1_200).planned.map((x) => x.startAt), [701]);
});

test('a callee is never dialed before it is due', () => {
  const p = new DialPlanner({ taskConcurrency: 10, accountConcurrency: 10, callsPerSecond: 100 }, true);
  p.load([], new Map());
  assert.deepEqual(p.planRound([due(1, 42_000)], 0, 60_000).planned.map((x) => x.startAt), [42_000]);
});
