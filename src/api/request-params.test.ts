import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeForm } from './request-params.js';

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
