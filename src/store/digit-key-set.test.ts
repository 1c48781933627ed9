import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DigitKeySet } from './digit-key-set.js';

test('holds 300,000 keys through its growth, and answers exactly for them', () => {
  const set = new DigitKeySet();
  for (let i = 0; i < 300_000; i++) assert.equal(set.add(String(13000000000 + i * 7)), true);
  assert.equal(set.size, 300_000);
  set.add('13000000000');
  assert.equal(set.size, 300_000, 'a key added twice counts once');
  assert.equal(set.slots, 2 ** 20, 'at most half full');
  for (let i = 0; i < 300_000; i++) {
    assert.equal(set.has(String(13000000000 + i * 7)), true);
    if (i % 7 !== 0) assert.equal(set.has(String(13000000000 + i)), false);
  }
});

test('keys of the same digits with leading zeros are different keys', () => {
  const set = new DigitKeySet();
  assert.equal(set.slots, 16, 'a new set is small: a cache holds one per task');
  set.add('0101234567');
  assert.equal(set.has('101234567'), false);
  assert.equal(set.has('00101234567'), false);
  assert.equal(set.has('0101234567'), true);
  set.add('0');
  assert.equal(set.has('00'), false);
  assert.equal(set.has('0'), true);
});

test('anything but 1-13 digits is not held, and never found', () => {
  const set = new DigitKeySet();
  for (const key of ['', '+8613800138000', '1380013800a', '12345678901234', ' 1', '１２３']) {
    assert.equal(set.add(key), false, key);
    assert.equal(set.has(key), false, key);
  }
  assert.equal(set.size, 0);
  assert.equal(set.add('1234567890123'), true, '13 digits are held');
  assert.equal(set.has('1234567890123'), true);
});
