import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newRequestId } from './envelope.js';

test('request ids are upper-case UUID v4 shaped and never repeat', () => {
  const ids = Array.from({ length: 10_000 }, newRequestId);
  for (const id of [ids[0]!, ids.at(-1)!]) assert.match(id, /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/);
  assert.equal(new Set(ids).size, ids.length);
});
