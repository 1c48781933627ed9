import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import { admin } from '../support/admin.js';
import { client } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const PUBLIC_URL = 'http://robotcall.example:9000';

let s: TestServer;
before(async () => { s = await startTestServer({ flags: { engine: 'off', publicUrl: PUBLIC_URL } }); });
after(async () => { await s.close(); });

interface RawAnswer { status: number; contentType: string; text: string }

/** A request with the exact headers given (fetch will not forge Host), as a page or a rebound name sends them. */
function request(method: string, route: string, headers: Record<string, string>, body?: string | Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: s.port, method, path: route, headers: { host: `127.0.0.1:${s.port}`, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (d: string) => { text += d; }).on('end', () =>
        resolve({ status: res.statusCode!, contentType: res.headers['content-type'] ?? '', text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function expectAdminError(r: RawAnswer, status: number, message: RegExp) {
  assert.equal(r.status, status, r.text);
  assert.match(r.contentType, /^application\/json/);
  const json = JSON.parse(r.text) as Record<string, unknown>;
  assert.deepEqual(Object.keys(json), ['error'], r.text);
  assert.match(String(json.error), message);
}

const keyCount = async () => ((await admin(s.port, 'GET', 'keys')).json.keys as unknown[]).length;
const scenarios = async () => (await admin(s.port, 'GET', 'carrier/scenarios')).json.scenarios as unknown[];

describe('the admin API open on loopback', () => {
  test('a change sent as anything but application/json is 415 and changes nothing, even without a body', async () => {
    assert.equal((await admin(s.port, 'PUT', 'carrier/scenarios/13800138000', { outcomes: ['200002'] })).status, 200);
    const call = client('openapi-v3', s);
    assert.equal((await call('CreateRobotTask', { TaskName: 'kept', DialogId: 1000000075003, Caller: '057156860008', NumberStatusIdent: false, RetryType: 0 })).body.Code, 'OK');
    const keys = await keyCount();

    expectAdminError(await request('POST', '/_robotcall/reset', { 'content-type': 'text/plain' }, '{}'), 415, /application\/json/);
    expectAdminError(await request('POST', '/_robotcall/reset', {}), 415, /application\/json/);
    expectAdminError(await request('POST', '/_robotcall/keys', { 'content-type': 'application/x-www-form-urlencoded' }, 'account=x'), 415, /application\/json/);
    expectAdminError(await request('DELETE', '/_robotcall/carrier/scenarios/13800138000', { 'content-type': 'multipart/form-data; boundary=x' }), 415, /application\/json/);

    assert.equal((await scenarios()).length, 1);
    assert.equal(await keyCount(), keys);
    const list = await call('QueryRobotTaskList');
    assert.equal(Number(list.body.TotalCount), 1);
  });

  test('a page of another origin is refused with 403, reading or changing', async () => {
    const keys = await keyCount();
    const json = { 'content-type': 'application/json' };
    expectAdminError(await request('POST', '/_robotcall/keys', { ...json, origin: 'http://evil.example' }, '{}'), 403, /origin/i);
    expectAdminError(await request('GET', '/_robotcall/keys', { origin: 'http://evil.example' }), 403, /origin/i);
    expectAdminError(await request('GET', '/_robotcall/keys', { origin: `http://127.0.0.1:${s.port + 1}` }), 403, /origin/i);
    expectAdminError(await request('GET', '/_robotcall/keys', { origin: 'null' }), 403, /origin/i);
    assert.equal(await keyCount(), keys);
  });

  test('a name rebound to loopback (a foreign Host) is refused with 403, reading or changing', async () => {
    const keys = await keyCount();
    const json = { 'content-type': 'application/json' };
    for (const host of [`evil.example:${s.port}`, 'evil.example', `127.0.0.1:${s.port + 1}`, `localhost.evil.example:${s.port}`]) {
      expectAdminError(await request('GET', '/_robotcall/keys', { host }), 403, /Host/);
      expectAdminError(await request('POST', '/_robotcall/keys', { ...json, host }, '{}'), 403, /Host/);
      expectAdminError(await request('POST', '/_robotcall/reset', { ...json, host, origin: `http://${host}` }), 403, /Host/);
    }
    assert.equal(await keyCount(), keys);
  });

  test('loopback names with the port, the --public-url host and same-origin pages are served; health is open to all', async () => {
    const json = { 'content-type': 'application/json; charset=utf-8' };
    for (const host of [`127.0.0.1:${s.port}`, `localhost:${s.port}`, `[::1]:${s.port}`, `127.0.0.2:${s.port}`, 'robotcall.example:9000', `LOCALHOST:${s.port}`]) {
      const read = await request('GET', '/_robotcall/keys', { host });
      assert.equal(read.status, 200, `${host}: ${read.text}`);
      const origin = host === 'robotcall.example:9000' ? PUBLIC_URL : `http://${host}`;
      const write = await request('PUT', '/_robotcall/carrier/scenarios/13900000000', { ...json, host, origin }, '{}');
      assert.equal(write.status, 200, `${host}: ${write.text}`);
    }
    const health = await request('GET', '/_robotcall/health', { host: 'evil.example', origin: 'http://evil.example' });
    assert.equal(health.status, 200);
  });
});

describe('admin failures are admin errors', () => {
  test('an unknown route under /_robotcall/ is 404 {"error"}', async () => {
    expectAdminError(await request('GET', '/_robotcall/nothing-here', {}), 404, /GET \/_robotcall\/nothing-here/);
    expectAdminError(await request('POST', '/_robotcall/keys/x/delete', { 'content-type': 'application/json' }), 404, /POST/);
    expectAdminError(await request('GET', '/_robotcall/keys/%zz/enable', {}), 400, /not a valid url/);
  });

  test('an oversized body is 413 {"error"}', async () => {
    const big = Buffer.alloc(9 * 1024 * 1024, 0x20);
    expectAdminError(await request('PUT', '/_robotcall/carrier/scenarios/13800138001', { 'content-type': 'application/json' }, big), 413, /8388608 bytes/);
  });

  test('an unexpected failure (the database gone) is 500 {"error"} without details', async () => {
    const gone = await startTestServer({ flags: { engine: 'off' } });
    await gone.server.store.close();
    try {
      const res = await fetch(`http://127.0.0.1:${gone.port}/_robotcall/carrier/stats`);
      const text = await res.text();
      expectAdminError({ status: res.status, contentType: res.headers.get('content-type') ?? '', text }, 500, /^internal error; the server log has the details$/);
    } finally {
      await gone.close().catch(() => {});
    }
  });
});
