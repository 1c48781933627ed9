import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ttsParamsJson, ttsParamsOf } from './tts-params.js';

test('the stored text is the JSON object JSON.stringify would write, escapes included', () => {
  const params = new Map([
    ['13800138000', ['王先生', 'say "hi"\\', '']],
    ['0571-88776655', ['1']],
    ['all', ['客户', '0']],
  ]);
  const text = ttsParamsJson(params).join('');
  assert.equal(text, JSON.stringify(Object.fromEntries(params)));
  assert.deepEqual(JSON.parse(text), Object.fromEntries(params));
  assert.deepEqual(ttsParamsJson(new Map()), ['{}']);
});

test('a batch of 20,000 numbers comes in pieces of about 64 K characters that join into its JSON', () => {
  const params = new Map(Array.from({ length: 20_000 }, (_, i) => [String(13000000000 + i), [`客户${i}`, String(i)]]));
  const pieces = ttsParamsJson(params);
  assert.ok(pieces.length > 10, `${pieces.length} pieces`);
  for (const piece of pieces.slice(0, -1)) assert.ok(piece.length >= 65_536 && piece.length < 65_536 + 100, `a piece of ${piece.length}`);
  assert.equal(pieces.join(''), JSON.stringify(Object.fromEntries(params)));
});

test('read back, every key is a value of its own: `__proto__` and `constructor` are keys like any other', () => {
  const stored = JSON.parse('{"__proto__":["a"],"constructor":["b"],"13800138000":["c"]}') as Record<string, string[]>;
  const params = ttsParamsOf(stored);
  assert.deepEqual([...params], [['__proto__', ['a']], ['constructor', ['b']], ['13800138000', ['c']]]);
  assert.equal(params.get('toString'), undefined);
});
