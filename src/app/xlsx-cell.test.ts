import assert from 'node:assert/strict';
import { test } from 'node:test';
import { numberText } from './xlsx-cell.js';

test('a number cell is a number only when all of it is one', () => {
  assert.equal(numberText('13800000001', false, false), '13800000001');
  assert.equal(numberText(' 1.38e10 ', false, false), '13800000000');
  assert.equal(numberText('2.5', false, false), '2.5');
  assert.equal(numberText('13800000001xyz', false, false), '13800000001xyz');
  assert.equal(numberText('0x1A', false, false), '0x1A');
  assert.equal(numberText('Infinity', false, false), 'Infinity');
});

test('a date-styled number is a date only where Excel shows one: 1900-01-00 to 9999-12-31', () => {
  assert.equal(numberText('45000', true, false), '2023-03-15');
  assert.equal(numberText('45000.5', true, false), '2023-03-15 12:00:00');
  assert.equal(numberText('2958465', true, false), '9999-12-31');
  assert.equal(numberText('2958466', true, false), '2958466');
  assert.equal(numberText('2958465.999999999', true, false), '2958465.999999999', 'rounded to 10000-01-01');
  assert.equal(numberText('2957003', true, true), '9999-12-31', '1904 workbook');
  assert.equal(numberText('2957004', true, true), '2957004');
  assert.equal(numberText('-700000', true, false), '-700000');
  assert.equal(numberText('0', true, true), '1904-01-01');
});

test('a long cell that is almost a number is judged in time linear in its length', { timeout: 10_000 }, () => {
  // The check once tried every split of a run of digits: 100,000 digits and an x took 25 s.
  assert.equal(numberText(`${'1'.repeat(1_000_000)}x`, false, false).length, 1_000_001);
  assert.equal(numberText(`${'1'.repeat(500_000)}.${'1'.repeat(500_000)}x`, false, false).length, 1_000_002);
});
