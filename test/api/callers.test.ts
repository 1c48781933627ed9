import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { admin } from '../support/admin.js';
import { client, type Caller } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const TASK = { TaskName: 'own caller', DialogId: 1000000075003, NumberStatusIdent: false, RetryType: 0 };

let s: TestServer;
let v3: Caller;
before(async () => {
  s = await startTestServer({ flags: { engine: 'off' } });
  v3 = client('openapi-v3', s);
});
after(() => s.close());

test('a caller number added through the admin API can be shown, until it is removed', async () => {
  const acct = `accounts/${s.accessKeyId}/callers`;
  assert.equal((await v3('CreateRobotTask', { ...TASK, Caller: '02112345678' })).body.Code, 'isv.DISPLAY_NUMBER_ILLEGAL');
  const added = await admin(s.port, 'PUT', `${acct}/02112345678`);
  assert.equal(added.status, 201, JSON.stringify(added.json));
  assert.ok((added.json.callers as string[]).includes('02112345678'));
  assert.equal((await admin(s.port, 'PUT', `${acct}/02112345678`)).status, 200, 'adding it again changes nothing');
  assert.equal((await v3('CreateRobotTask', { ...TASK, Caller: '057156860006,02112345678' })).body.Code, 'OK');
  assert.equal((await client('pop-post', s)('CreateRobotTask', { ...TASK, Caller: '02112345678' })).body.Code, 'OK');
  assert.equal((await admin(s.port, 'DELETE', `${acct}/02112345678`)).status, 200);
  assert.equal((await admin(s.port, 'DELETE', `${acct}/02112345678`)).status, 404);
  assert.equal((await v3('CreateRobotTask', { ...TASK, Caller: '02112345678' })).body.Code, 'isv.DISPLAY_NUMBER_ILLEGAL');
  const listed = await admin(s.port, 'GET', acct);
  assert.deepEqual(listed.json.callers, ['057112345678', '057156860006', '057156860008', '057187654321']);
});

test('caller numbers have a form; an unknown account is 404', async () => {
  for (const bad of ['12', 'abc123', `${'1'.repeat(21)}`, '+86--1234', '%00123']) {
    const r = await admin(s.port, 'PUT', `accounts/${s.accessKeyId}/callers/${bad}`);
    assert.equal(r.status, 400, `${bad}: ${JSON.stringify(r.json)}`);
  }
  assert.equal((await admin(s.port, 'PUT', `accounts/${s.accessKeyId}/callers/+86-21-12345678`)).status, 201);
  assert.equal((await admin(s.port, 'GET', 'accounts/LTAInosuchkey/callers')).status, 404);
});

test('a robot is created with the next free id, for an account named as keys create names it', async () => {
  const key = await admin(s.port, 'POST', 'keys', { account: 'acme' });
  const r = await admin(s.port, 'POST', 'accounts/acme/robots', { name: '宽带升级' });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const robotId = r.json.robotId as number;
  assert.match(String(robotId), /^\d{13}$/);
  const theirs = client('openapi-v3', { port: s.port, accessKeyId: key.json.AccessKeyId as string, accessKeySecret: key.json.AccessKeySecret as string });
  assert.equal((await theirs('CreateRobotTask', { ...TASK, DialogId: robotId, Caller: '057156860006' })).body.Code, 'OK');
  assert.equal((await admin(s.port, 'POST', 'accounts/acme/robots', {})).status, 400, 'a new robot needs a name');
});
