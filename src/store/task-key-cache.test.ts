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

test('the key bound drops the least recently filled tasks, and a task over it alone is not kept', () => {
  const cache = new TaskKeyCache(5);
  cache.committed(1, null, 'a1', ['1', '2'], 2);
  cache.committed(2, null, 'b1', ['1', '2'], 2);
  cache.committed(1, 'a1', 'a2', ['3'], 1);
  cache.committed(3, null, 'c1', ['1', '2'], 2);
  assert.equal(cache.lookup(2, 'b1', ['1']), null, 'task 2 was filled least recently');
  assert.deepEqual(cache.lookup(1, 'a2', ['3'])?.keys, new Set(['3']));
  assert.deepEqual(cache.lookup(3, 'c1', ['2'])?.keys, new Set(['2']));
  cache.committed(4, null, 'd1', ['1', '2', '3', '4', '5', '6'], 6);
  assert.equal(cache.lookup(4, 'd1', ['1']), null);
  assert.notEqual(cache.lookup(3, 'c1', ['1']), null, 'a task too big to keep does not push the others out');
});

test('a key that is not a short digit string leaves its task uncached, so the database answers', () => {
  const cache = new TaskKeyCache();
  cache.committed(1, null, 'f1', ['13800138000', '+8613800138001'], 2);
  assert.equal(cache.lookup(1, 'f1', ['13800138000']), null);
  cache.committed(2, null, 'g1', ['13800138000'], 1);
  cache.committed(2, 'g1', 'g2', ['0101234567x'], 1);
  assert.equal(cache.lookup(2, 'g2', ['13800138000']), null, 'an entry extended with one is dropped too');
});
