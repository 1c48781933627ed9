import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openPglite } from './pglite.js';

test('the embedded database runs with a 32 MB buffer pool, not PostgreSQL\'s 128 MB default', async () => {
  const db = await openPglite();
  try {
    const [row] = await db.query<{ shared_buffers: string }>('show shared_buffers');
    assert.equal(row?.shared_buffers, '32MB');
  } finally {
    await db.close();
  }
});

test('COPY takes texts in pieces and texts longer than a piece, with the characters its format escapes', async () => {
  const db = await openPglite();
  try {
    await db.query('create table t (id int, a text, b json)');
    const long = `长\t${'x'.repeat(70_000)}\\\n${'y'.repeat(70_000)}\r`;
    const json = ['{"k":"tab\\t', 'and \\\\ slash",', '"n":"', '新\\n"}'];
    await db.copyRows!('t', ['id', 'a', 'b'], [[1, long, json], [2, null, ['[', '1]']], [3, 'a\tb', null]]);
    const rows = await db.query<{ id: number; a: string | null; b: unknown }>('select id, a, b from t order by id');
    assert.deepEqual(rows, [
      { id: 1, a: long, b: JSON.parse(json.join('')) },
      { id: 2, a: null, b: [1] },
      { id: 3, a: 'a\tb', b: null },
    ]);
  } finally {
    await db.close();
  }
});
