import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isWithinHours, nextBoundary, parseCallingHours } from './calling-hours.js';
import { parseLocalTime } from './zoned-time.js';

const Z = 'Asia/Shanghai';
const at = (local: string) => parseLocalTime(local, Z)!;

test('parses HH:MM-HH:MM and refuses malformed or empty windows', () => {
  assert.deepEqual(parseCallingHours('08:00-21:30'), { open: 480, close: 1290, text: '08:00-21:30' });
  for (const bad of ['8:00-21:00', '08:00-08:00', '25:00-08:00', '08:60-09:00', '08:00 21:00', '']) {
    assert.equal(parseCallingHours(bad), null, bad);
  }
});

test('a daytime window is open from its start up to, not including, its end', () => {
  const h = parseCallingHours('08:00-21:00')!;
  assert.equal(isWithinHours(h, at('2026-11-22 07:59:59'), Z), false);
  assert.equal(isWithinHours(h, at('2026-11-22 08:00:00'), Z), true);
  assert.equal(isWithinHours(h, at('2026-11-22 20:59:59'), Z), true);
  assert.equal(isWithinHours(h, at('2026-11-22 21:00:00'), Z), false);
});

test('a window across midnight is open late evening and early morning', () => {
  const h = parseCallingHours('21:00-08:00')!;
  assert.equal(isWithinHours(h, at('2026-11-22 23:30:00'), Z), true);
  assert.equal(isWithinHours(h, at('2026-11-23 00:30:00'), Z), true);
  assert.equal(isWithinHours(h, at('2026-11-23 08:00:00'), Z), false);
  assert.equal(isWithinHours(h, at('2026-11-23 12:00:00'), Z), false);
  assert.equal(isWithinHours(h, at('2026-11-23 21:00:00'), Z), true);
});

test('the next boundary is the next opening or closing in the zone', () => {
  const h = parseCallingHours('21:00-08:00')!;
  assert.equal(nextBoundary(h, at('2026-11-22 12:00:00'), Z), at('2026-11-22 21:00:00'));
  assert.equal(nextBoundary(h, at('2026-11-22 21:00:00'), Z), at('2026-11-23 08:00:00'));
  assert.equal(nextBoundary(h, at('2026-11-23 07:59:59') + 500, Z), at('2026-11-23 08:00:00'));
});
