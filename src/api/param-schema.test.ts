import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError } from './errors.js';
import { boolean, integer, oneOf, optional, parseParams, required, text } from './param-schema.js';

const specs = {
  Id: required(integer(1)),
  Flag: optional(boolean()),
  Name: optional(text(3)),
  Kind: optional(oneOf(['A', 'B'] as const)),
};
const parse = (raw: Record<string, string>) => parseParams(specs, new Map(Object.entries(raw)));
const code = (raw: Record<string, string>) => {
  try {
    parse(raw);
    return 'OK';
  } catch (err) {
    return (err as ApiError).code;
  }
};

test('values parse strictly, as docs/decisions.md D3 requires', () => {
  assert.deepEqual(parse({ Id: '42', Flag: 'FALSE', Name: '任务一', Kind: 'B', Other: 'ignored' }), { Id: 42, Flag: false, Name: '任务一', Kind: 'B' });
  for (const bad of ['4.2', '0x10', ' 42', '9007199254740993', '0']) assert.equal(code({ Id: bad }), 'InvalidId', bad);
  for (const bad of ['1', 'yes', 'True ']) assert.equal(code({ Id: '1', Flag: bad }), 'InvalidFlag', bad);
  assert.equal(code({ Id: '1', Name: '任务一二' }), 'InvalidName', 'four code points');
  assert.equal(code({ Id: '1', Name: '😀😀😀' }), 'OK', 'astral characters count once');
  for (const c of ['\u0000', '\t', '\u007f', '\uffff']) assert.equal(code({ Id: '1', Name: `a${c}` }), 'InvalidName', JSON.stringify(c));
  assert.equal(code({ Id: '1', Kind: 'a' }), 'InvalidKind');
});

test('a missing or empty required parameter is reported before any invalid value', () => {
  assert.equal(code({ Flag: 'nope' }), 'MissingId');
  assert.equal(code({ Id: '', Flag: 'nope' }), 'MissingId');
  assert.equal(code({ Id: '1', Flag: '' }), 'OK', 'an empty optional value is absent');
});
