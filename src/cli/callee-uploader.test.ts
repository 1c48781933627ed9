import assert from 'node:assert/strict';
import { test } from 'node:test';
import { percentEncode } from '../api/percent-encode.js';
import { ttsEntry } from './callee-uploader.js';

test('a TtsParam entry built piece by piece is the percent-encoded JSON.stringify of it, whatever the values hold', () => {
  const cases: Array<[string, string[]]> = [
    ['13800000001', ['张三', '100']],
    ['+8613800000002', ['a "quoted" \\ back\\slash', "it's (1+1)*2! ~_.-"]],
    ['0571-88889999', ['😀 emoji, 𠀋 and ½', '', ' spaced out ']],
    ['13800000003', []],
  ];
  for (const [number, params] of cases) {
    assert.equal(ttsEntry(number, params), percentEncode(JSON.stringify({ number, params })), JSON.stringify(params));
  }
  const joined = `%5B${cases.map(([n, p]) => ttsEntry(n, p)).join('%2C')}%5D`;
  assert.equal(joined, percentEncode(JSON.stringify(cases.map(([number, params]) => ({ number, params })))));
});
