import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { client, data } from '../support/clients.js';
import { send } from '../support/raw-request.js';
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
