import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DomainError } from './errors.js';
import { assertDeletable, assertUploadable, planCancel, planCancelOrder, planStart, planStop } from './task-status.js';
import { TASK_STATUSES, type Task } from './types.js';

type State = Pick<Task, 'id' | 'status' | 'scheduleType' | 'dispatched' | 'totalCount'>;
const task = (status: Task['status'], more: Partial<State> = {}): State =>
  ({ id: 7, status, scheduleType: 'SINGLE', dispatched: false, totalCount: 3, ...more });
const refusedWith = (code: string) => (err: unknown) => err instanceof DomainError && err.code === code;
const now = 1_700_000_000_000;

test('Start from INIT is READY SINGLE, or READY ORDER with the schedule as fire time', () => {
  assert.deepEqual(planStart(task('INIT'), { scheduleTime: null, balanceAllows: true }),
    { status: 'READY', scheduleType: 'SINGLE', scheduleTime: null, fireTime: null });
  assert.deepEqual(planStart(task('INIT'), { scheduleTime: now, balanceAllows: true }),
    { status: 'READY', scheduleType: 'ORDER', scheduleTime: now, fireTime: now });
});

test('Start refuses a task without callees', () => {
  assert.throws(() => planStart(task('INIT', { totalCount: 0 }), { scheduleTime: null, balanceAllows: true }), refusedWith('isv.TASK_NO_CALLEE'));
});

test('Start resumes MANUAL_STOP to EXCUTING once dispatched, else to READY', () => {
  assert.deepEqual(planStart(task('MANUAL_STOP', { dispatched: true }), { scheduleTime: null, balanceAllows: true }), { status: 'EXCUTING' });
  assert.deepEqual(planStart(task('MANUAL_STOP'), { scheduleTime: null, balanceAllows: true }), { status: 'READY' });
  assert.throws(() => planStart(task('MANUAL_STOP'), { scheduleTime: now, balanceAllows: true }), refusedWith('isv.TASK_STATUS_NOT_ALLOWED'));
});

test('Start resumes ARREARS_STOP only when the balance allows', () => {
  assert.deepEqual(planStart(task('ARREARS_STOP'), { scheduleTime: null, balanceAllows: true }), { status: 'EXCUTING' });
  assert.throws(() => planStart(task('ARREARS_STOP'), { scheduleTime: null, balanceAllows: false }), refusedWith('isv.AMOUNT_NOT_ENOUGH'));
});

test('Start is refused in every other status', () => {
  for (const s of TASK_STATUSES.filter((x) => !['INIT', 'MANUAL_STOP', 'ARREARS_STOP'].includes(x))) {
    assert.throws(() => planStart(task(s), { scheduleTime: null, balanceAllows: true }), refusedWith('isv.TASK_STATUS_NOT_ALLOWED'), s);
  }
});

test('Stop applies to running and paused-by-system statuses only, never to a schedule', () => {
  for (const s of ['READY', 'DISPATCH', 'EXCUTING', 'SYSTEM_STOP', 'ARREARS_STOP'] as const) assert.deepEqual(planStop(task(s)), { status: 'MANUAL_STOP' });
  assert.throws(() => planStop(task('READY', { scheduleType: 'ORDER' })), (e) => e instanceof DomainError && /CancelOrderRobotTask/.test(e.detail));
  for (const s of ['INIT', 'MANUAL_STOP', 'CANCEL', 'SYSTEM_CANCEL', 'FINISH'] as const) {
    assert.throws(() => planStop(task(s)), refusedWith('isv.TASK_STATUS_NOT_ALLOWED'), s);
  }
});

test('CancelOrder undoes a pending schedule and nothing else', () => {
  assert.deepEqual(planCancelOrder(task('READY', { scheduleType: 'ORDER' })), { status: 'INIT', scheduleType: 'SINGLE', scheduleTime: null, fireTime: null });
  for (const s of TASK_STATUSES) assert.throws(() => planCancelOrder(task(s)), refusedWith('isv.TASK_STATUS_NOT_ALLOWED'), s);
});

test('Cancel ends every non-final status, INIT included, and stamps completion', () => {
  for (const s of TASK_STATUSES) {
    if (['FINISH', 'CANCEL', 'SYSTEM_CANCEL'].includes(s)) assert.throws(() => planCancel(task(s), now), refusedWith('isv.TASK_STATUS_NOT_ALLOWED'), s);
    else assert.deepEqual(planCancel(task(s), now), { status: 'CANCEL', completeTime: now });
  }
});

test('Delete allows INIT and final statuses; Upload allows every non-final one', () => {
  const deletable = new Set(['INIT', 'FINISH', 'CANCEL', 'SYSTEM_CANCEL']);
  for (const s of TASK_STATUSES) {
    if (deletable.has(s)) assertDeletable(task(s));
    else assert.throws(() => assertDeletable(task(s)), refusedWith('isv.TASK_STATUS_NOT_ALLOWED'), s);
    if (['FINISH', 'CANCEL', 'SYSTEM_CANCEL'].includes(s)) assert.throws(() => assertUploadable(task(s)), refusedWith('isv.TASK_STATUS_NOT_ALLOWED'), s);
    else assertUploadable(task(s));
  }
});
