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
