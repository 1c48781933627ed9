import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ttsParamsJson, ttsParamsOf } from './tts-params.js';

test('the stored text is the JSON object JSON.stringify would write, escapes included', () => {
  const params = new Map([
    ['13800138000', ['王先生', 'say "hi"\\', '']],
    ['0571-88776655', ['1']],
    ['all', ['客户', '0']],
  ]);
  const text = ttsParamsJson(params);
  assert.equal(text, JSON.stringify(Object.fromEntries(params)));
  assert.deepEqual(JSON.parse(text), Object.fromEntries(params));
  assert.equal(ttsParamsJson(new Map()), '{}');
});

test('read back, every key is a value of its own: `__proto__` and `constructor` are keys like any other', () => {
  const stored = JSON.parse('{"__proto__":["a"],"constructor":["b"],"13800138000":["c"]}') as Record<string, string[]>;
  const params = ttsParamsOf(stored);
  assert.deepEqual([...params], [['__proto__', ['a']], ['constructor', ['b']], ['13800138000', ['c']]]);
  assert.equal(params.get('toString'), undefined);
});
