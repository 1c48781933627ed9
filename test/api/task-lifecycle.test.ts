import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CLIENT_NAMES, client, data, type Caller } from '../support/clients.js';
import { assertGolden, loadGolden } from '../support/golden.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

interface Detail { id: number; status: string; scheduleType: string; fireTime: string; completeTime: string; called: unknown[] }

const SEED_TASK = {
  TaskName: '智能语音务', DialogId: 1000000075003, CorpName: '广东合富房地产置业有限公司1,广东合富房地产置业有限公司2 ',
  Caller: '057156860008,057156860006', NumberStatusIdent: true, RetryType: 1, RecallStateCodes: '200010,200011', RecallTimes: 2, RecallInterval: 5,
};

let s: TestServer;
// The engine is off: these tests pin the D4 action table, so started tasks must stay READY.
before(async () => { s = await startTestServer({ flags: { engine: 'off' } }); });
after(async () => { await s.close(); });

function shanghai(msFromNow: number): string {
  return new Date(Date.now() + msFromNow + 8 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

for (const name of CLIENT_NAMES) {
  describe(`task lifecycle through ${name}`, () => {
    let call: Caller;
    before(() => { call = client(name, s); });

    const detail = async (id: number) => data<Detail>(await call('QueryRobotTaskDetail', { Id: id }));
    const ok = async (action: string, params: Record<string, string | number | boolean>) => {
      const r = await call(action, params);
      assert.equal(r.status, 200);
      assertGolden(r.body, loadGolden('action-true'));
    };

    test('the seed example task is created, filled and shown exactly as documented', async () => {
      const created = await call('CreateRobotTask', SEED_TASK);
      const id = Number(created.body.Data);
      assertGolden(created.body, loadGolden('CreateRobotTask'), { taskIdText: String(id) });
      const up = await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: '13800138000,13900139000,13800138000' });
      assert.deepEqual({ ...up.body, RequestId: '' }, { RequestId: '', Code: 'OK', Message: 'OK', Data: String(id) });
      const shown = await call('QueryRobotTaskDetail', { Id: id });
      assertGolden(shown.body, loadGolden('seed-example-detail'), { taskId: id });
    });

    test('start, stop, resume, cancel and delete move the task through D4', async () => {
      const id = Number((await call('CreateRobotTask', { ...SEED_TASK, TaskName: `lifecycle ${name}` })).body.Data);
      await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: '13800138000' });
      await ok('StartRobotTask', { TaskId: id });
      assert.deepEqual((({ status, scheduleType, fireTime }) => ({ status, scheduleType, fireTime }))(await detail(id)),
        { status: 'READY', scheduleType: 'SINGLE', fireTime: '' });
      await ok('StopRobotTask', { TaskId: id });
      assert.equal((await detail(id)).status, 'MANUAL_STOP');
      await ok('StartRobotTask', { TaskId: id });
      assert.equal((await detail(id)).status, 'READY', 'never dispatched, so it resumes to READY');
      await ok('CancelRobotTask', { TaskId: id });
      const cancelled = await detail(id);
      assert.equal(cancelled.status, 'CANCEL');
      assert.match(cancelled.completeTime, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      await ok('DeleteRobotTask', { TaskId: id });
      const gone = await call('QueryRobotTaskDetail', { Id: id });
      assertGolden(gone.body, loadGolden('business-error'), { code: 'isv.TASK_NOT_FOUND' });
    });

    test('a scheduled start is READY ORDER until CancelOrder returns it to INIT', async () => {
      const id = Number((await call('CreateRobotTask', { ...SEED_TASK, TaskName: `schedule ${name}` })).body.Data);
      await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: '13800138000' });
      const at = shanghai(3_600_000);
      await ok('StartRobotTask', { TaskId: id, ScheduleTime: at });
      const scheduled = await detail(id);
      assert.deepEqual([scheduled.status, scheduled.scheduleType, scheduled.fireTime], ['READY', 'ORDER', at]);
      const stop = await call('StopRobotTask', { TaskId: id });
      assertGolden(stop.body, loadGolden('business-error'), { code: 'isv.TASK_STATUS_NOT_ALLOWED' });
      assert.match(String(stop.body.Message), /CancelOrderRobotTask/);
      await ok('CancelOrderRobotTask', { TaskId: id });
      const back = await detail(id);
      assert.deepEqual([back.status, back.scheduleType, back.fireTime], ['INIT', 'SINGLE', '']);
      await ok('DeleteRobotTask', { TaskId: id });
    });
  });
}
