import assert from 'node:assert/strict';
import { test } from 'node:test';
import { numberKey, splitNumbers } from './phone-number.js';

test('mainland mobiles are accepted with or without a country prefix, as one number', () => {
  for (const n of ['13800138000', '+8613800138000', '8613800138000', '008613800138000']) assert.equal(numberKey(n), '13800138000', n);
  assert.equal(numberKey('19912345678'), '19912345678');
});

test('landlines are accepted with or without the hyphen', () => {
  assert.equal(numberKey('057156860008'), '057156860008');
  assert.equal(numberKey('0571-56860008'), '057156860008');
  assert.equal(numberKey('01012345678'), '01012345678');
});

test('other shapes are rejected', () => {
  for (const n of ['12800138000', '1380013800', '138001380001', '+1 4155550100', 'abc', '13800l38000', '0571-5686', '']) {
    assert.equal(numberKey(n), null, n);
  }
});

test('lists are split on commas, trimmed, blanks dropped', () => {
  assert.deepEqual(splitNumbers(' 13800138000 ,13900139000,,'), ['13800138000', '13900139000']);
});
