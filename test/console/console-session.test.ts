import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { admin, newKey } from '../support/admin.js';
import { ConsoleClient, signinBody } from '../support/console-client.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let s: TestServer;
before(async () => { s = await startTestServer(); });
after(async () => { await s.close(); });

test('signing in proves the secret without sending it and sets a session cookie the browser drops on close', async () => {
  const c = new ConsoleClient(s.port);
  const r = await c.signIn(s.accessKeyId, s.accessKeySecret);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.accessKeyId, s.accessKeyId);
  const cookie = r.headers.get('set-cookie')!;
  assert.match(cookie, /^rc_console=[^;]+; Path=\/console; HttpOnly; SameSite=Strict$/);
  assert.ok(!cookie.includes(s.accessKeySecret) && !cookie.includes('Max-Age') && !cookie.includes('Expires'));
  assert.equal((await c.get('/session')).status, 200);
  const kept = c.cookie;
  assert.equal((await c.request('DELETE', '/session')).json.signedOut, true);
  c.cookie = kept;
  assert.equal((await c.get('/session')).status, 401, 'a cookie kept from before signing out is refused');
  assert.equal((await c.signIn(s.accessKeyId, s.accessKeySecret)).status, 200, 'signing in again works');
});

test('no cookie, a forged cookie, or another key\'s cookie gets 401', async () => {
  const c = await ConsoleClient.signIn(s.port, s.accessKeyId, s.accessKeySecret);
  const [name, value] = c.cookie!.split('=') as [string, string];
  const [id, expires, mac] = [value.slice(0, value.lastIndexOf('.', value.lastIndexOf('.') - 1)), ...value.split('.').slice(-2)] as [string, string, string];
  const anon = new ConsoleClient(s.port);
  assert.equal((await anon.get('/tasks')).status, 401);
  const forged = new ConsoleClient(s.port);
  forged.cookie = `${name}=${id}.${Number(expires) + 1000}.${mac}`;
  assert.equal((await forged.get('/tasks')).status, 401, 'a longer expiry breaks the HMAC');
  const k = await newKey(s.port, 'other');
  forged.cookie = `${name}=${k.AccessKeyId}.${expires}.${mac}`;
  assert.equal((await forged.get('/tasks')).status, 401, 'the HMAC names the key');
  assert.equal((await c.get('/tasks')).status, 200);
});

test('a wrong secret is refused, and five failures in a minute hold the key (429) even with the right secret', async () => {
  const k = await newKey(s.port, 'throttled');
  const c = new ConsoleClient(s.port);
  for (let i = 0; i < 5; i++) {
    const r = await c.signIn(k.AccessKeyId, 'not-the-secret');
    assert.equal(r.status, 401);
    assert.equal((r.json.error as { code: string }).code, 'SignatureDoesNotMatch');
  }
  const held = await c.signIn(k.AccessKeyId, k.AccessKeySecret);
  assert.equal(held.status, 429);
  assert.match(held.headers.get('retry-after') ?? '', /^\d+$/);
});

test('a disabled key cannot sign in and its open sessions end at once', async () => {
  const k = await newKey(s.port, 'disabled');
  const c = await ConsoleClient.signIn(s.port, k.AccessKeyId, k.AccessKeySecret);
  assert.equal((await admin(s.port, 'POST', `keys/${k.AccessKeyId}/disable`)).status, 200);
  assert.equal((await c.get('/tasks')).status, 401);
  assert.equal((await new ConsoleClient(s.port).signIn(k.AccessKeyId, k.AccessKeySecret)).status, 401);
  assert.equal((await admin(s.port, 'POST', `keys/${k.AccessKeyId}/enable`)).status, 200);
  assert.equal((await c.get('/tasks')).status, 401, 'enabling the key again revives no session');
});

test('a sign-in cannot be replayed, nor made with an old timestamp', async () => {
  const body = signinBody(s.accessKeyId, s.accessKeySecret);
  const c = new ConsoleClient(s.port);
  assert.equal((await c.request('POST', '/session', body)).status, 200);
  const replay = await c.request('POST', '/session', body);
  assert.equal(replay.status, 401);
  assert.equal((replay.json.error as { code: string }).code, 'SignatureNonceUsed');
  const old = await c.request('POST', '/session', signinBody(s.accessKeyId, s.accessKeySecret, new Date(Date.now() - 16 * 60_000)));
  assert.equal((old.json.error as { code: string }).code, 'InvalidTimeStamp.Expired');
});

test('changes without the console header are refused (403), so another site\'s form cannot make them', async () => {
  const c = await ConsoleClient.signIn(s.port, s.accessKeyId, s.accessKeySecret);
  const r = await c.request('POST', '/tasks', { name: 'x' }, { header: false });
  assert.equal(r.status, 403);
  const list = await c.get<{ total: number }>('/tasks');
  assert.equal(list.json.total, 0);
});

test('the console page and its API carry a CSP that allows no inline script', async () => {
  for (const path of ['/console', '/console/api/session']) {
    const res = await fetch(`http://127.0.0.1:${s.port}${path}`);
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'(;|$)/, path);
    assert.ok(!csp.includes('unsafe-inline') && !csp.includes('unsafe-eval'), path);
    assert.equal(res.headers.get('x-frame-options'), 'DENY');
  }
});

test('under /console/api every failure is the console\'s JSON, even one no route sees', async () => {
  const c = await ConsoleClient.signIn(s.port, s.accessKeyId, s.accessKeySecret);
  for (const path of ['/tasks/1/calls/%ZZ', `/tasks/${'9'.repeat(150)}`, '/nothing-here']) {
    const r = await c.get(path);
    assert.ok(r.status === 400 || r.status === 404, `${path}: ${r.status}`);
    assert.equal(typeof (r.json.error as { code?: unknown })?.code, 'string', `${path}: ${JSON.stringify(r.json)}`);
  }
});
