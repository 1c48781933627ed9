// An error message echoes at most 4,000 characters of what the client sent (README "Errors"): a
// request of megabytes with a bad signature used to answer with its whole string to sign.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { client } from '../support/clients.js';
import { rawCall } from '../support/raw-request.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let s: TestServer;
before(async () => { s = await startTestServer({ flags: { engine: 'off' } }); });
after(async () => { await s.close(); });

const pe = (t: string) => encodeURIComponent(t).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

test('v1: a normal request gets its exact string to sign; a huge one a bounded, marked one', async () => {
  const opts = { ...s, secret: s.accessKeySecret, badSignature: true };
  const small = await rawCall(s.port, 'QueryRobotTaskList', {}, { ...opts, nonce: 'n-small' });
  const msg = String(small.json().Message);
  const sent = msg.slice(msg.indexOf('server string to sign is:') + 'server string to sign is:'.length);
  assert.match(sent, /^GET&%2F&AccessKeyId%3D/);
  assert.ok(sent.includes(pe('SignatureNonce=n-small')), sent);
  assert.ok(!sent.includes('truncated'));

  const huge = await rawCall(s.port, 'QueryRobotTaskList', { TaskName: 'x'.repeat(500_000) },
    { ...opts, inBody: true, method: 'POST' });
  assert.equal(huge.status, 400);
  assert.equal(huge.json().Code, 'SignatureDoesNotMatch');
  assert.ok(huge.text.length < 5000, `${huge.text.length} characters`);
  assert.match(String(huge.json().Message), /\.\.\.\[truncated, \d+ characters in all\]$/);
});

test('V3: the canonical request is bounded, the string to sign stays whole', async () => {
  const bad = client('openapi-v3', { ...s, accessKeySecret: 'wrong' });
  const r = await bad('QueryRobotTaskList', { TaskName: 'y'.repeat(200_000) });
  assert.equal(r.body.Code, 'SignatureDoesNotMatch');
  const msg = String(r.body.Message);
  assert.ok(msg.length < 4200, `${msg.length} characters`);
  assert.match(msg, /truncated, \d+ characters in all\] server string to sign is:ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
});
