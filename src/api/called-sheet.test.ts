// A download's reader that takes nothing is cut after the send idle limit, and the sheet stops
// being made: nothing piles up for it (README "Limits").
import assert from 'node:assert/strict';
import type { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { writeCalledSheet } from './called-sheet.js';

test('a reader that never takes a byte is destroyed after sendIdleMs, with little written for it', async () => {
  // A socket whose peer never reads: it accepts the first write and never calls back.
  const stalled = new Writable({ highWaterMark: 16 * 1024, write: () => {} });
  const head = Array.from({ length: 30 }, (_, i) => `v${i}`);
  const batch = {
    fileName: 'f', taskId: 1, createdAt: 0, numbers: Array.from({ length: 20_000 }, (_, i) => `138${String(i).padStart(8, '0')}`),
    ttsHead: head, ttsParams: new Map([['all', head.map((_, i) => String(i % 10).repeat(500))]]),
  };
  await writeCalledSheet(stalled as unknown as ServerResponse, batch, 200);
  assert.equal(stalled.destroyed, true);
  // Without the waits, every row went into this buffer (about 300 MB).
  assert.ok(stalled.writableLength < 20e6, `${stalled.writableLength} bytes buffered`);
});
