import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TaskKeyCache } from './task-key-cache.js';

test('an entry answers only while it ends with the task\'s last batch, and only ever grows from such a state', () => {
  const cache = new TaskKeyCache();
  assert.equal(cache.lookup(1, 'f1', ['11']), null, 'nothing before a first batch was committed here');
  cache.committed(1, null, 'f1', ['11', '12'], 2);
  assert.deepEqual(cache.lookup(1, 'f1', ['12', '13']), { keys: new Set(['12']), numbers: 2 });
  assert.equal(cache.lookup(1, 'f0', ['12']), null, 'another last batch: someone else wrote since');
  cache.committed(1, 'f1', 'f2', ['13'], 2);
  assert.deepEqual(cache.lookup(1, 'f2', ['11', '13', '14']), { keys: new Set(['11', '13']), numbers: 4 });
  // A batch committed on top of one this cache never saw: the entry cannot be extended, so it goes.
  cache.committed(1, 'fX', 'f3', ['14'], 1);
  assert.equal(cache.lookup(1, 'f3', ['11']), null);
  assert.equal(cache.lookup(1, 'f2', ['11']), null);
});

test('the bound, in table slots, drops the least recently filled tasks, and a task over it alone is not kept', () => {
  // Each small task's table has 16 slots; 40 slots hold two of them.
  const cache = new TaskKeyCache(40);
  cache.committed(1, null, 'a1', ['1', '2'], 2);
  cache.committed(2, null, 'b1', ['1', '2'], 2);
  cache.committed(1, 'a1', 'a2', ['3'], 1);
  cache.committed(3, null, 'c1', ['1', '2'], 2);
  assert.equal(cache.lookup(2, 'b1', ['1']), null, 'task 2 was filled least recently');
  assert.deepEqual(cache.lookup(1, 'a2', ['3'])?.keys, new Set(['3']));
  assert.deepEqual(cache.lookup(3, 'c1', ['2'])?.keys, new Set(['2']));
  // 17 keys take a table of 64 slots.
  cache.committed(4, null, 'd1', Array.from({ length: 17 }, (_, i) => String(i + 1)), 17);
  assert.equal(cache.lookup(4, 'd1', ['1']), null);
  assert.notEqual(cache.lookup(3, 'c1', ['1']), null, 'a task too big to keep does not push the others out');
});

test('many small tasks are bounded by their tables, not by their keys', () => {
  // 200,000 tasks of one key each: 16 slots apiece, so the default 2^21 slots keep the last 131,072.
  const cache = new TaskKeyCache();
  for (let id = 1; id <= 200_000; id++) cache.committed(id, null, `f${id}`, ['13800138000'], 1);
  assert.equal(cache.lookup(1, 'f1', ['13800138000']), null, 'the first tasks were dropped');
  assert.equal(cache.lookup(200_000 - 131_072, `f${200_000 - 131_072}`, ['13800138000']), null);
  assert.notEqual(cache.lookup(200_001 - 131_072, `f${200_001 - 131_072}`, ['13800138000']), null);
  assert.notEqual(cache.lookup(200_000, 'f200000', ['13800138000']), null);
});

test('a key that is not a short digit string leaves its task uncached, so the database answers', () => {
  const cache = new TaskKeyCache();
  cache.committed(1, null, 'f1', ['13800138000', '+8613800138001'], 2);
  assert.equal(cache.lookup(1, 'f1', ['13800138000']), null);
  cache.committed(2, null, 'g1', ['13800138000'], 1);
  cache.committed(2, 'g1', 'g2', ['0101234567x'], 1);
  assert.equal(cache.lookup(2, 'g2', ['13800138000']), null, 'an entry extended with one is dropped too');
});
