import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { robotcall } from '../support/process.js';
import { send, signV1 } from '../support/raw-request.js';
import { TEST_KEY, freshStoreArgs } from '../support/test-server.js';

const KEY_ENV = { ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret };
const TASK = { TaskName: 'once', DialogId: '1000000075003', Caller: '057156860008', NumberStatusIdent: 'false', RetryType: '0' };
const cleanups: Array<() => Promise<void> | void> = [];
after(async () => { for (const c of cleanups.reverse()) await c(); });

async function serve(storeArgs: string[]) {
  const p = robotcall(['serve', '--port', '0', '--engine', 'off', ...storeArgs], KEY_ENV);
  cleanups.push(() => { p.child.kill('SIGKILL'); });
  return { p, port: Number(new URL(await p.ready()).port) };
}

const taskCount = async (port: number) => {
  const r = await send(port, signV1({ Action: 'QueryRobotTaskList', PageSize: '100' }, { ...TEST_KEY, secret: TEST_KEY.accessKeySecret }));
  return (JSON.parse(String(r.json().Data)) as unknown[]).length;
};

test('a CreateRobotTask replayed after a restart (SIGKILL or SIGTERM) is refused and makes no second task', async () => {
  const storeArgs = await freshStoreArgs(cleanups);
  let server = await serve(storeArgs);
  const sent: Array<ReturnType<typeof signV1>> = [];
  for (const signal of ['SIGKILL', 'SIGTERM'] as const) {
    const create = signV1({ Action: 'CreateRobotTask', ...TASK }, { ...TEST_KEY, secret: TEST_KEY.accessKeySecret, method: 'POST', inBody: true });
    assert.equal((await send(server.port, create)).json().Code, 'OK');
    sent.push(create);
    server.p.child.kill(signal);
    await server.p.exited();
    server = await serve(storeArgs);
    for (const replay of sent) {
      const r = await send(server.port, replay);
      assert.deepEqual([r.status, r.json().Code], [400, 'SignatureNonceUsed'], `after ${signal}`);
    }
    assert.equal(await taskCount(server.port), sent.length, `after ${signal}: one task per genuine request`);
  }
  server.p.child.kill('SIGTERM');
  assert.equal(await server.p.exited(), 0);
});
