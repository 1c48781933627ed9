import assert from 'node:assert/strict';
import diagnostics from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { after, before, test } from 'node:test';
import { CLIENT_NAMES, client } from '../support/clients.js';
import { rawCall, send } from '../support/raw-request.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const UUID_V4 = /^[0-9A-F]{8}-[0-9A-F]{4}-4[0-9A-F]{3}-[89AB][0-9A-F]{3}-[0-9A-F]{12}$/;

let s: TestServer;
// The x-acs-request-id header of every response the official clients receive, as node:http saw it.
const seen: Array<string | undefined> = [];
const onResponse = (message: unknown) => {
  seen.push((message as { response: IncomingMessage }).response.headers['x-acs-request-id'] as string | undefined);
};
before(async () => {
  s = await startTestServer({ flags: { engine: 'off' } });
  diagnostics.subscribe('http.client.response.finish', onResponse);
});
after(async () => {
  diagnostics.unsubscribe('http.client.response.finish', onResponse);
  await s.close();
});

test('every official client gets the RequestId of the body as x-acs-request-id: success, business and gateway errors', async () => {
  const ids: string[] = [];
  for (const name of CLIENT_NAMES) {
    for (const [cred, action, params, code] of [
      [s, 'QueryRobotTaskList', {}, 'OK'],
      [s, 'QueryRobotTaskDetail', { Id: 999 }, 'isv.TASK_NOT_FOUND'],
      [{ ...s, accessKeySecret: 'wrong' }, 'QueryRobotTaskList', {}, 'SignatureDoesNotMatch'],
    ] as const) {
      const before = seen.length;
      const r = await client(name, cred)(action, params);
      assert.equal(r.body.Code, code, `${name} ${action}`);
      assert.equal(seen.length, before + 1, 'one HTTP response per call');
      assert.equal(seen.at(-1), r.body.RequestId, `${name} ${code}: header equals body`);
      ids.push(String(r.body.RequestId));
    }
  }
  for (const id of ids) assert.match(id, UUID_V4);
  assert.equal(new Set(ids).size, ids.length);
  // Random, not a counter behind a fixed prefix: no two share even their first 8 hex digits.
  assert.equal(new Set(ids.map((id) => id.slice(0, 8))).size, ids.length, ids.join('\n'));
  assert.equal(new Set(ids.map((id) => id.slice(-12))).size, ids.length);
});

test('XML, 413 (body, URL), an unknown path and an unknown action carry the header too', async () => {
  const xml = await rawCall(s.port, 'QueryRobotTaskList', {}, { ...s, secret: s.accessKeySecret, common: { Format: 'XML' } });
  const tooLarge = await send(s.port, { method: 'POST', query: 'Format=JSON', body: `a=${'x'.repeat(8 * 1024 * 1024)}` });
  const hugeUrl = await send(s.port, { method: 'GET', query: `Pad=${'x'.repeat(1200 * 1024)}`, body: '' });
  const unknownPath = await fetch(`http://127.0.0.1:${s.port}/no/such/path`);
  const unknownAction = await rawCall(s.port, 'NoSuchAction', {}, { ...s, secret: s.accessKeySecret });
  assert.deepEqual([xml.status, tooLarge.status, hugeUrl.status, unknownPath.status, unknownAction.status], [200, 413, 413, 404, 404]);
  assert.match(xml.text, new RegExp(`<RequestId>${xml.headers.get('x-acs-request-id')}</RequestId>`));
  for (const r of [tooLarge, hugeUrl, unknownAction]) assert.equal(r.headers.get('x-acs-request-id'), r.json().RequestId);
  const body = await unknownPath.text();
  assert.match(unknownPath.headers.get('x-acs-request-id') ?? '', UUID_V4);
  assert.match(body, new RegExp(`<RequestId>${unknownPath.headers.get('x-acs-request-id')}</RequestId>`));
});
