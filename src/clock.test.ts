import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ClockError, describeSpan, engineClock, parseClockSpec, resumeAnchor, usableClockSpec } from './clock.js';

const wallAt = (ms: number) => ({ now: () => ms });

test('clock specs: system, manual, scaled:N', () => {
  assert.deepEqual(parseClockSpec('system'), { mode: 'system', rate: 1 });
  assert.deepEqual(parseClockSpec('manual'), { mode: 'manual', rate: 0 });
  assert.deepEqual(parseClockSpec('scaled:3600'), { mode: 'scaled', rate: 3600 });
  for (const bad of ['scaled:0', 'scaled:', 'scaled:-2', 'fast', '']) assert.equal(parseClockSpec(bad), null, bad);
});

test('a scaled clock runs N times the wall clock from its anchor', () => {
  let wall = 1_000;
  const c = engineClock({ mode: 'scaled', rate: 60, wallAt: 1_000, engineAt: 5_000 }, { now: () => wall });
  wall = 2_000;
  assert.equal(c.now(), 5_000 + 60_000);
});

test('a manual clock moves only when advanced, and never back', () => {
  let wall = 0;
  const c = engineClock({ mode: 'manual', rate: 0, wallAt: 0, engineAt: 10_000 }, { now: () => wall });
  wall = 99_999;
  assert.equal(c.now(), 10_000);
  c.advanceTo(70_000);
  assert.equal(c.now(), 70_000);
  assert.throws(() => c.advanceTo(69_999), ClockError);
});

test('the system clock cannot be advanced', () => {
  const c = engineClock({ mode: 'system', rate: 1, wallAt: 0, engineAt: 0 }, wallAt(0));
  assert.throws(() => c.advanceTo(1), /cannot be advanced/);
});

test('a restart with the same clock continues the stored engine time; a new rate re-anchors without going back', () => {
  const stored = { mode: 'manual' as const, rate: 0, wallAt: 100, engineAt: 50_000 };
  assert.equal(resumeAnchor({ mode: 'manual', rate: 0 }, stored, 9_000), stored);
  const scaled = resumeAnchor({ mode: 'scaled', rate: 10 }, stored, 9_000);
  assert.deepEqual(scaled, { mode: 'scaled', rate: 10, wallAt: 9_000, engineAt: 50_000 });
  assert.deepEqual(resumeAnchor({ mode: 'system', rate: 1 }, stored, 9_000), { mode: 'system', rate: 1, wallAt: 9_000, engineAt: 50_000 });
  assert.deepEqual(resumeAnchor({ mode: 'system', rate: 1 }, null, 9_000), { mode: 'system', rate: 1, wallAt: 9_000, engineAt: 9_000 });
});

test('resetToWall puts engine time back on the wall clock, keeping mode and rate', () => {
  let wall = 10_000;
  const c = engineClock({ mode: 'scaled', rate: 3600, wallAt: 1_000, engineAt: 1_000 }, { now: () => wall });
  assert.equal(c.now(), 1_000 + 9_000 * 3600);
  assert.deepEqual(c.resetToWall(), { mode: 'scaled', rate: 3600, wallAt: 10_000, engineAt: 10_000 });
  wall = 10_002;
  assert.equal(c.now(), 10_000 + 2 * 3600);
});

test('describeSpan gives the coarsest two units', () => {
  assert.equal(describeSpan(30 * 86_400_000 + 5 * 3_600_000 + 7_000), '30 days 5 h');
  assert.equal(describeSpan(86_400_000 + 60_000), '1 day');
  assert.equal(describeSpan(2 * 3_600_000 + 3 * 60_000 + 59_999), '2 h 3 min');
  assert.equal(describeSpan(45_500), '45 s');
  assert.equal(describeSpan(0), '0 s');
});

test('a usable clock is a parsed one whose scaled rate is within 0.01 to 1,000,000', () => {
  assert.deepEqual(usableClockSpec('scaled:0.01'), { mode: 'scaled', rate: 0.01 });
  assert.deepEqual(usableClockSpec('scaled:1000000'), { mode: 'scaled', rate: 1_000_000 });
  assert.deepEqual(usableClockSpec('manual'), { mode: 'manual', rate: 0 });
  for (const bad of ['scaled:0.001', 'scaled:1000001', 'scaled:0', 'fast']) assert.equal(usableClockSpec(bad), null, bad);
});
