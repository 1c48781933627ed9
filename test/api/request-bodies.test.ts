import assert from 'node:assert/strict';
import net from 'node:net';
import { after, before, test } from 'node:test';
import { client, data } from '../support/clients.js';
import { send, signV1 } from '../support/raw-request.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let s: TestServer;
before(async () => { s = await startTestServer(); });
after(async () => { await s.close(); });

test('parameters in a chunked form body are read and signed, with V3 and with v2', async () => {
  for (const name of ['openapi-v3', 'openapi-v2'] as const) {
    const call = client(name, s, { formBody: true });
    const created = await call('CreateRobotTask', {
      TaskName: `body ${name} 测试 (x)*!'~`, DialogId: 1000000075003, Caller: '057156860008', NumberStatusIdent: true, RetryType: 0,
    });
    assert.equal(created.body.Code, 'OK', JSON.stringify(created.body));
    const detail = data<{ taskName: string }>(await call('QueryRobotTaskDetail', { Id: Number(created.body.Data) }));
    assert.equal(detail.taskName, `body ${name} 测试 (x)*!'~`);
  }
});

test('a body with a declared length that arrives in pieces, one cut inside an escape, is read whole', async () => {
  const name = `pieces 测试 ${'长'.repeat(30_000)}`;
  const { body } = signV1({ Action: 'CreateRobotTask', TaskName: name.slice(0, 30), DialogId: '1000000075003', Caller: '057156860008', NumberStatusIdent: 'false', RetryType: '0', Padding: name },
    { method: 'POST', accessKeyId: s.accessKeyId, secret: s.accessKeySecret, inBody: true });
  const bytes = Buffer.from(body);
  // Cut inside the escape of a Chinese character's first byte, and at two arbitrary places.
  const cuts = [body.indexOf('%E6') + 1, Math.floor(bytes.length / 3), Math.floor(bytes.length / 2) + 7];
  const head = `POST /?Format=JSON HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n`;
  const pieces = [Buffer.from(head), ...[0, ...cuts].map((from, i) => bytes.subarray(from, [...cuts, bytes.length][i]))];
  const socket = net.connect({ port: s.port, host: '127.0.0.1' });
  let answer = '';
  socket.on('data', (d: Buffer) => { answer += d.toString('utf8'); });
  const closed = new Promise((resolve) => socket.on('close', resolve));
  for (const piece of pieces) {
    socket.write(piece);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
  await closed;
  const id = /"Data":"(\d+)"/.exec(answer)?.[1];
  assert.ok(id, answer.slice(0, 500));
  const detail = data<{ taskName: string }>(await client('pop-get', s)('QueryRobotTaskDetail', { Id: Number(id) }));
  assert.equal(detail.taskName, name.slice(0, 30));
});

test('connections that declare 8 MiB and send a byte make the server set aside no 8 MiB for each', async () => {
  const before = process.memoryUsage().arrayBuffers;
  const sockets = await Promise.all(Array.from({ length: 100 }, () => new Promise<net.Socket>((resolve, reject) => {
    const socket = net.connect({ port: s.port, host: '127.0.0.1' }, () => {
      socket.write(`POST /?Format=JSON HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${8 * 1024 * 1024}\r\n\r\nA`, () => resolve(socket));
    });
    socket.on('error', reject);
  })));
  try {
    // The server has read every byte once it answers a request sent after them.
    assert.equal((await client('pop-get', s)('QueryRobotTaskList')).body.Code, 'OK');
    const grown = (process.memoryUsage().arrayBuffers - before) / 1024 / 1024;
    assert.ok(grown < 100, `array buffers grew ${grown.toFixed(0)} MB for 100 connections of one byte each`);
  } finally {
    for (const socket of sockets) socket.destroy();
  }
});

test('a chunked body over 8 MiB is cut off with RequestTooLarge', async () => {
  const res = await fetch(`http://127.0.0.1:${s.port}/?Format=JSON`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new ReadableStream({
      start(controller) {
        const chunk = new TextEncoder().encode('x'.repeat(1024 * 1024));
        for (let i = 0; i < 9; i++) controller.enqueue(chunk);
        controller.close();
      },
    }),
    duplex: 'half',
  } as RequestInit);
  assert.equal(res.status, 413);
  assert.equal(((await res.json()) as { Code: string }).Code, 'RequestTooLarge');
});

test('the server keeps serving after a refused oversized body', async () => {
  const big = await send(s.port, { method: 'POST', query: 'Format=JSON', body: 'x'.repeat(9 * 1024 * 1024) });
  assert.equal(big.status, 413);
  assert.equal((await client('pop-get', s)('QueryRobotTaskList')).body.Code, 'OK');
});

/**
 * A client that sends its whole request before it reads anything (as Python's urllib does), over
 * a raw socket: the answer it finds afterwards, and the first socket error if any.
 */
async function sendAllThenRead(pieces: Iterable<string | Buffer>): Promise<{ answer: string; error: string | null }> {
  const socket = net.connect({ port: s.port, host: '127.0.0.1' });
  let answer = '';
  let error: string | null = null;
  socket.on('data', (d: Buffer) => { answer += d.toString('utf8'); });
  socket.on('error', (e) => { error ??= e.message; });
  const closed = new Promise((resolve) => socket.on('close', resolve));
  for (const piece of pieces) {
    if (error !== null) break;
    await new Promise<void>((resolve) => socket.write(piece, () => resolve()));
  }
  if (error === null) socket.end();
  await closed;
  return { answer, error };
}

function* oversized(chunked: boolean, path = '/?Format=JSON', type = 'application/x-www-form-urlencoded'): Iterable<string | Buffer> {
  const total = 12 * 1024 * 1024;
  const chunk = Buffer.alloc(256 * 1024, 120);
  yield `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nContent-Type: ${type}\r\n${
    chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${total}`}\r\n\r\n`;
  for (let sent = 0; sent < total; sent += chunk.length) yield chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
  if (chunked) yield '0\r\n\r\n';
}

test('a client still sending an oversized body gets the 413 envelope, not a reset connection', async () => {
  for (const chunked of [false, true]) {
    const r = await sendAllThenRead(oversized(chunked));
    assert.equal(r.error, null, `chunked ${chunked}: ${r.error} after ${r.answer.length} bytes`);
    assert.match(r.answer, /^HTTP\/1\.1 413 /, `chunked ${chunked}`);
    assert.equal((JSON.parse(r.answer.slice(r.answer.indexOf('\r\n\r\n') + 4)) as { Code: string }).Code, 'RequestTooLarge');
  }
  assert.equal((await client('pop-get', s)('QueryRobotTaskList')).body.Code, 'OK');
});

test('the admin API and /files answer an oversized body with 413 to a client still sending it, too', async () => {
  for (const chunked of [false, true]) {
    for (const path of ['/_robotcall/keys', '/files/x.xlsx']) {
      const r = await sendAllThenRead(oversized(chunked, path, 'application/json'));
      assert.equal(r.error, null, `${path} chunked ${chunked}: ${r.error} after ${r.answer.length} bytes`);
      assert.match(r.answer, /^HTTP\/1\.1 413 /, `${path} chunked ${chunked}: ${r.answer.slice(0, 200)}`);
    }
  }
  assert.equal((await client('pop-get', s)('QueryRobotTaskList')).body.Code, 'OK');
});

test('a body of 4 million empty names is refused, and the server answers others meanwhile', { timeout: 60_000 }, async () => {
  // Splitting a form once searched for each part's '=' to the end of the body: quadratic in the parts,
  // so this body (sent before any signature is checked) held the whole server for minutes.
  const body = 'a&'.repeat(4_000_000);
  const refused = fetch(`http://127.0.0.1:${s.port}/?Format=JSON`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  await new Promise((r) => setTimeout(r, 200));
  const health = await fetch(`http://127.0.0.1:${s.port}/_robotcall/health`);
  assert.equal(health.status, 200);
  const res = await refused;
  assert.equal(res.status, 400);
  assert.match(((await res.json()) as { Code: string }).Code, /^Missing/);
});
