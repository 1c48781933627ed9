import assert from 'node:assert/strict';
import { test } from 'node:test';
import { codePoints, jsonTextProblem, hasControlChar, longerThan } from './plain-text.js';

test('C0 controls, DEL, U+FFFE/U+FFFF, lone surrogates, the BOM and bidi controls are refused; other text is not', () => {
  for (const c of ['\u0000', '\u0001', '\t', '\n', '\r', '\u001f', '\u007f', '\ufffe', '\uffff', '\ud800', '\udfff', '\ufeff', '\u202a', '\u202e', '\u2066', '\u2069']) {
    assert.equal(hasControlChar(`a${c}b`), true, JSON.stringify(c));
  }
  for (const ok of ['', 'plain', '任务 一', '😀', '\u0080', '\u00a0', '\ufffd', '\u2028', '\u200f', '\u2029', '\u206a', '+86-571']) assert.equal(hasControlChar(ok), false, ok);
  assert.equal(hasControlChar('😀'.slice(0, 1)), true, 'half of a pair');
});

test('code points count an astral character once', () => {
  assert.deepEqual([codePoints(''), codePoints('任务'), codePoints('😀😀'), codePoints('a\ud800')], [0, 2, 2, 2]);
  assert.deepEqual([longerThan('😀😀😀', 3), longerThan('😀😀😀a', 3), longerThan('aaaa', 3), longerThan('x'.repeat(7e6), 100)], [false, true, true, true]);
});

test('jsonTextProblem names the first string or key that holds one', () => {
  assert.equal(jsonTextProblem({ a: ['ok', 1, null, { b: 'x' }] }), null);
  assert.equal(jsonTextProblem({ a: ['ok', { b: 'x\u0000' }, 'y\u0001'] }), 'holds a control character at $.a[1].b');
  assert.equal(jsonTextProblem({ a: { 'k\u0007': 1 } }), 'holds a control character at $.a (a key)');
  assert.equal(jsonTextProblem('\uffff'), 'holds a control character at $');
});
