// /files downloads go at their reader's pace (README "Limits"): a reader that pauses does not make
// the server hold the file. Before, every row was built in memory at once (333 MB for this batch).
// The cut of a reader that never resumes is in src/api/called-sheet.test.ts: this file compresses
// so well that it fits in the loopback socket buffers, so here the reader is never refused a byte.
import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { client, data, type Caller } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let s: TestServer;
let v3: Caller;
before(async () => {
  s = await startTestServer({ flags: { engine: 'off' }, start: { httpTimeouts: { sendIdleMs: 500 } } });
  v3 = client('openapi-v3', s, { formBody: true });
});
after(async () => { await s.close(); });

/** A batch whose sheet is ~300 MB of XML: 20,000 rows of 30 values of 500 characters. */
async function fatBatchPath(): Promise<string> {
  const id = Number((await v3('CreateRobotTask', {
    TaskName: 'files', DialogId: 1000000075003, Caller: '057156860008', NumberStatusIdent: false, RetryType: 0,
  })).body.Data);
  const head = Array.from({ length: 30 }, (_, i) => `v${i}`);
  const up = await v3('UploadRobotTaskCalledFile', {
    Id: id, CalledNumber: Array.from({ length: 20_000 }, (_, i) => `138${String(i).padStart(8, '0')}`).join(','),
    TtsParamHead: JSON.stringify(head), TtsParam: JSON.stringify([{ number: 'all', params: head.map((_, i) => String(i % 10).repeat(500)) }]),
  });
  assert.equal(up.body.Code, 'OK', JSON.stringify(up.body));
  return new URL(data<{ called: { ossFilePath: string }[] }>(await v3('QueryRobotTaskDetail', { Id: id })).called[0]!.ossFilePath).pathname;
}

test('a reader that pauses does not make the rows pile up in memory', async () => {
  const path = await fatBatchPath();
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = 0;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss - rssBefore); }, 20);
  const socket = net.connect({ port: s.port, host: '127.0.0.1' });
  let got = 0;
  socket.on('data', (d: Buffer) => {
    got += d.length;
    if (got > 100_000) socket.pause(); // reads the start, then nothing for a while
  });
  socket.on('error', () => {});
  socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  await new Promise((r) => setTimeout(r, 1500));
  clearInterval(sampler);
  socket.destroy();
  assert.ok(peak < 150e6, `memory grew by ${Math.round(peak / 1e6)} MB while the reader stalled`);
  // The server goes on serving downloads.
  const res = await fetch(`http://127.0.0.1:${s.port}${path}`, { method: 'GET' });
  assert.equal(res.status, 200);
  await res.body?.cancel();
  assert.equal((await v3('QueryRobotTaskList')).body.Code, 'OK');
});
