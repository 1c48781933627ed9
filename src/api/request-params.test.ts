import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalWireText, decodeForm } from './request-params.js';

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
