import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callCostFen } from './billing.js';

test('answered calls pay per started minute, at least one; unanswered calls are free', () => {
  assert.equal(callCostFen(null, 5), 0);
  assert.equal(callCostFen(0, 5), 5, 'picked up and hung up at once: one minute');
  assert.equal(callCostFen(60_000, 5), 5);
  assert.equal(callCostFen(60_001, 5), 10);
  assert.equal(callCostFen(150_000, 7), 21);
  assert.equal(callCostFen(30_000, 0), 0, 'the default price');
});
