import { test } from 'node:test';
import assert from 'node:assert/strict';
import { failureThrottle } from './failure-throttle.js';

test('five failures in a minute hold every key they were counted under until the minute has passed', () => {
  const t = failureThrottle(5, 60_000);
  for (let i = 0; i < 4; i++) t.failed(['ip:1', 'key:a'], 1000 + i);
  assert.equal(t.wait(['ip:1', 'key:a'], 2000), 0);
  t.failed(['ip:1', 'key:a'], 2000);
  assert.equal(t.wait(['ip:1'], 2000), 59_000);
  assert.equal(t.wait(['ip:2', 'key:a'], 30_000), 31_000);
  assert.equal(t.wait(['ip:2', 'key:b'], 30_000), 0);
  assert.equal(t.wait(['ip:1', 'key:a'], 61_000), 0);
});
