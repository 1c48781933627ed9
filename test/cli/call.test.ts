// `robotcall call` (a child process) signs as the official clients do: the same actions through
// pop-core (v1) and openapi-client (V3) and through the CLI give the same JSON, RequestId aside, and
// credentials come from flags, the environment or an aliyun CLI profile (README "CLI: API commands").
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { callCliFixture, KEY_ENV, NO_KEY } from '../support/call-cli.js';
import { client, type ClientName, type Reply } from '../support/clients.js';
import { runCli } from '../support/process.js';
import { TEST_KEY } from '../support/test-server.js';

const fx = callCliFixture();

const withoutRequestId = (body: Record<string, unknown> | null) => {
  const { RequestId, ...rest } = body ?? {};
  assert.match(String(RequestId), /^[0-9A-F-]{36}$/);
  return rest;
};

const cases: Array<{ name: ClientName; args: string[] }> = [
  { name: 'pop-get', args: ['--signature', 'v1', '--method', 'GET'] },
  { name: 'pop-post', args: ['--signature', 'v1', '--method', 'POST'] },
  { name: 'openapi-v3', args: ['--signature', 'v3'] },
];

for (const c of cases) {
  test(`the CLI ${c.args.join(' ')} answers as ${c.name} does, for a success and a business error`, async () => {
    const official = client(c.name, fx.s);
    const list: Reply = await official('QueryRobotTaskList', { TaskName: '(a*b) 任务!', PageSize: 5 });
    // Parameters given after the command's own options, and before them: either way they are the action's.
    const ours = await fx.cli(['QueryRobotTaskList', ...c.args, '--TaskName', '(a*b) 任务!', '--PageSize', '5']);
    assert.equal(ours.code, 0, ours.stderr);
    assert.deepEqual(withoutRequestId(ours.body), withoutRequestId(list.body));
    assert.equal(JSON.parse(list.body.Data as string).length, 1, 'the CJK and reserved characters were signed and matched');

    if (c.name === 'pop-get') return;
    const missing = await official('QueryRobotTaskDetail', { Id: 99999999 });
    const refused = await fx.cli(['QueryRobotTaskDetail', '--Id', '99999999', ...c.args]);
    assert.equal(refused.code, 2, 'an answer with another Code exits 2');
    assert.equal(refused.body!.Code, 'isv.TASK_NOT_FOUND');
    assert.deepEqual(withoutRequestId(refused.body), withoutRequestId(missing.body));
  });
}

test('V3 GET sends the parameters in the query; the detail matches openapi-client\'s byte for byte but the RequestId', async () => {
  const official = await client('openapi-v3', fx.s)('QueryRobotTaskDetail', { Id: fx.taskId });
  const ours = await fx.cli(['QueryRobotTaskDetail', '--Id', fx.taskId, '--method', 'GET', '--json']);
  assert.equal(ours.code, 0, ours.stderr);
  assert.equal(ours.stdout.split('\n').length, 2, '--json is one line');
  assert.deepEqual(withoutRequestId(ours.body), withoutRequestId(official.body));
});

test('a wrong secret gets the API\'s SignatureDoesNotMatch, printed, and exit code 2; no answer at all is exit 1', async () => {
  for (const signature of ['v1', 'v3']) {
    const r = await fx.cli(['QueryRobotTaskList', '--signature', signature], { ...NO_KEY, ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: 'wrong' });
    assert.equal(r.code, 2);
    assert.equal(r.body!.Code, 'SignatureDoesNotMatch', signature);
  }
  const closed = await runCli(['call', 'QueryRobotTaskList', '--endpoint', 'http://127.0.0.1:1'], KEY_ENV);
  assert.equal(closed.code, 1);
  assert.match(closed.stderr, /cannot reach http:\/\/127\.0\.0\.1:1/);
  const usage = await fx.cli(['QueryRobotTaskList', '--PageSize']);
  assert.equal(usage.code, 1);
  assert.match(usage.stderr, /--PageSize needs a value/);
});

