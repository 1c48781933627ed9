import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decideRedial, recallCodes, type RedialTerms } from './redial-policy.js';

const terms: RedialTerms = { retryType: 1, recallStateCodes: '200010, 200002', recallTimes: 2, recallInterval: 5 };
const ended = Date.UTC(2024, 5, 1, 2, 0, 7);

test('a listed code is redialed RecallInterval minutes after the attempt ended, to the second', () => {
  assert.deepEqual(decideRedial(terms, { code: '200002', attempts: 1, endedAt: ended }), { final: false, dueAt: Date.UTC(2024, 5, 1, 2, 5, 7) });
  assert.deepEqual(decideRedial(terms, { code: '200010', attempts: 2, endedAt: ended + 1500 }), { final: false, dueAt: ended + 1500 + 300_000 });
});

test('redials stop after RecallTimes, for unlisted codes, for answered calls and with RetryType 0', () => {
  assert.deepEqual(decideRedial(terms, { code: '200002', attempts: 3, endedAt: ended }), { final: true }, 'two redials used');
  assert.deepEqual(decideRedial(terms, { code: '200005', attempts: 1, endedAt: ended }), { final: true }, 'not listed');
  assert.deepEqual(decideRedial(terms, { code: '200000', attempts: 1, endedAt: ended }), { final: true }, 'answered');
  assert.deepEqual(decideRedial({ ...terms, retryType: 0 }, { code: '200002', attempts: 1, endedAt: ended }), { final: true });
  assert.deepEqual(decideRedial({ ...terms, recallTimes: 0 }, { code: '200002', attempts: 1, endedAt: ended }), { final: true });
});

test('RecallStateCodes is read with or without blanks, and empty means none', () => {
  assert.deepEqual([...recallCodes(terms)], ['200010', '200002']);
  assert.equal(recallCodes({ ...terms, recallStateCodes: '' }).size, 0);
});
