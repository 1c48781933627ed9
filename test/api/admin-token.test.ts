import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { admin } from '../support/admin.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const TOKEN = 'operator-token-0123456789';
let s: TestServer;
before(async () => { s = await startTestServer({ flags: { adminToken: TOKEN } }); });
after(async () => { await s.close(); });

test('the admin API takes its token; twenty wrong ones from an address in a minute hold that address (429)', async () => {
  assert.equal((await admin(s.port, 'GET', 'clock')).status, 401);
  assert.equal((await admin(s.port, 'GET', 'clock', undefined, TOKEN)).status, 200);
  // The request without a token was the first failure.
  for (let i = 2; i < 20; i++) assert.equal((await admin(s.port, 'GET', 'clock', undefined, `guess-${i}`)).status, 401);
  const held = await admin(s.port, 'GET', 'clock', undefined, 'guess-20');
  assert.equal(held.status, 401, 'the twentieth is still answered');
  const after = await admin(s.port, 'GET', 'clock', undefined, TOKEN);
  assert.equal(after.status, 429, 'then even the right token waits: a guess must not learn it was right');
  assert.match(String(after.json.error), /too many wrong admin tokens/);
  assert.equal((await fetch(`http://127.0.0.1:${s.port}/_robotcall/health`)).status, 200, 'health stays open');
});
