import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableActions } from './task-actions.js';
import type { Task, TaskStatus } from '../domain/types.js';

const task = (status: TaskStatus, more: Partial<Task> = {}): Task => ({
  id: 7, accountId: 1, name: 't', robotId: 1, robotName: 'r', corpName: '', caller: '1', numberStatusIdent: false, isSelfLine: false,
  retryType: 0, recallStateCodes: '', recallTimes: 0, recallInterval: 0, status, scheduleType: 'SINGLE', scheduleTime: null,
  createdAt: 0, fireTime: null, completeTime: null, dispatched: false, runFrom: null, totalCount: 3, finishCount: 0, calledFiles: [], ...more,
});
const allowed = (t: Task, balance = true) => Object.entries(availableActions(t, balance)).filter(([, a]) => a.allowed).map(([k]) => k).sort();

test('each status allows exactly the actions D4 lists', () => {
  assert.deepEqual(allowed(task('INIT')), ['cancel', 'delete', 'start', 'upload']);
  assert.deepEqual(allowed(task('READY')), ['cancel', 'stop', 'upload']);
  assert.deepEqual(allowed(task('READY', { scheduleType: 'ORDER' })), ['cancel', 'cancelOrder', 'upload']);
  assert.deepEqual(allowed(task('EXCUTING')), ['cancel', 'stop', 'upload']);
  assert.deepEqual(allowed(task('MANUAL_STOP')), ['cancel', 'start', 'upload']);
  assert.deepEqual(allowed(task('ARREARS_STOP')), ['cancel', 'start', 'stop', 'upload']);
  assert.deepEqual(allowed(task('FINISH')), ['delete']);
  assert.deepEqual(allowed(task('CANCEL')), ['delete']);
});

test('a refused action carries the reason the action itself would answer', () => {
  const a = availableActions(task('EXCUTING'), true);
  assert.equal(a.delete.allowed, false);
  assert.match(a.delete.allowed ? '' : a.delete.reason, /only INIT, FINISH, CANCEL and SYSTEM_CANCEL/);
  const empty = availableActions(task('INIT', { totalCount: 0 }), true).start;
  assert.deepEqual(empty, { allowed: false, why: 'no-callees', reason: 'The task has no callee numbers yet: upload numbers first.' });
  const arrears = availableActions(task('ARREARS_STOP'), false).start;
  assert.deepEqual(arrears, { allowed: false, why: 'balance', reason: 'The account balance is at or below zero: top it up first.' });
});
