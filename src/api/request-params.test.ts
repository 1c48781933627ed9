import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalWireText, decodeForm, decodeFormBytes } from './request-params.js';

test('form text decodes like URLSearchParams, the first of a repeated name winning', () => {
  const text = 'a=1&b=x%20y+z&c=&d&e=%E6%B5%8B%E8%AF%95&a=2&f=(x)*!~&&g=%zz%2&h=a%3Db';
  assert.deepEqual([...decodeForm(text)], [
    ['a', '1'], ['b', 'x y z'], ['c', ''], ['d', ''], ['e', '测试'], ['f', '(x)*!~'], ['g', '%zz%2'], ['h', 'a=b'],
  ]);
  const reference = new Map<string, string>();
  for (const [k, v] of new URLSearchParams(text)) if (!reference.has(k)) reference.set(k, v);
  assert.deepEqual([...decodeForm(text)], [...reference]);
  assert.equal(decodeForm('').size, 0);
});

test('only text already in canonical form, Signature last and once, yields a wire canonical string', () => {
  const ok = 'AccessKeyId=k&Action=QueryRobotTaskList&Timestamp=2026-11-22T01%3A20%3A58Z&Version=2017-05-25';
  assert.equal(canonicalWireText(`${ok}&Signature=abc%3D`), ok);
  for (const bad of [
    ok,                                                   // no signature
    `Signature=abc&${ok}`,                                // signature not last
    `${ok}&Signature=a&Signature=b`,                      // twice
    `Action=Q&AccessKeyId=k&Signature=x`,                 // names not ascending
    `AccessKeyId=k&AccessKeyId=k&Signature=x`,            // repeated name
    `AccessKeyId=k&TaskName=a+b&Signature=x`,             // '+' is not canonical
    `AccessKeyId=k&TaskName=(x)&Signature=x`,             // literal '(' is not canonical
  ]) assert.equal(canonicalWireText(bad), null, bad);
});

test('a form body decodes from its bytes as its text does, odd escapes, bad UTF-8 and a BOM included', () => {
  const texts = [
    'a=1&b=x%20y+z&c=&d&e=%E6%B5%8B%E8%AF%95&a=2&f=(x)*!~&&g=%zz%2&h=a%3Db',
    'x=%FF%FE&y=%E6%B5&z=%C3%A9%2B+%2b&w=%',
    'bom=%EF%BB%BFhi&lead=%EF%BB%BF',
    'o=%C0%80&s=%ED%A0%80x&e=%F0%9F%98%80&t=%F0%9F%98a&c=%80%80b&m=%F4%90%80%80&l=%E6%B5%8B%E6',
    'raw=测试%E6%B5%8B&k%3Dv=1&=empty&%41=%61%4a%4A',
    `big=${'%E5%AE%A2'.repeat(100_000)}&n=${'1'.repeat(10)}`,
  ];
  for (const text of texts) {
    const reference = new Map<string, string>();
    for (const [k, v] of new URLSearchParams(text)) if (!reference.has(k)) reference.set(k, v);
    const fromBytes = decodeFormBytes(Buffer.from(text));
    assert.deepEqual([...fromBytes], [...reference], text.slice(0, 60));
    assert.deepEqual([...fromBytes], [...decodeForm(text)], text.slice(0, 60));
  }
  assert.equal(decodeFormBytes(Buffer.from('bom=%EF%BB%BFhi')).get('bom'), '\ufeffhi', 'the BOM is a character of the value');
  assert.equal(decodeFormBytes(Buffer.from('k=%E6%B5')).get('k'), '\ufffd', 'a cut sequence reads as one replacement character');
});

test('four million parts split in one pass, whether or not they hold an "="', { timeout: 30_000 }, () => {
  const empty = 'a&'.repeat(4_000_000);
  assert.equal(decodeForm(empty).size, 1);
  assert.equal(decodeFormBytes(Buffer.from(empty)).size, 1);
  assert.equal(decodeFormBytes(Buffer.from(`${empty}b=1`)).get('b'), '1');
  assert.equal(canonicalWireText(`${'a&'.repeat(1_000_000)}Signature=x`), null);
  const names = Array.from({ length: 1_000_000 }, (_, i) => `k${String(i).padStart(7, '0')}=${i}`).join('&');
  assert.equal(canonicalWireText(`${names}&Signature=x`), names);
});
