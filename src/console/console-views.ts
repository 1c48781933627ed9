// The console API's JSON shapes of tasks and calls (docs/console.md): plain field names, times as
// engine epoch ms with a formatted copy, and which actions the task's status allows.
import { availableActions } from '../app/task-actions.js';
import { callResultLabel, type CallRecord } from '../domain/calls.js';
import type { Task } from '../domain/types.js';
import { formatTime } from '../domain/zoned-time.js';

export function taskView(t: Task, balanceAllows: boolean, zone: string) {
  return {
    id: t.id, name: t.name, status: t.status, scheduleType: t.scheduleType, robotId: t.robotId, robotName: t.robotName,
    caller: t.caller, corpName: t.corpName, numberStatusIdent: t.numberStatusIdent, retryType: t.retryType,
    recallStateCodes: t.recallStateCodes, recallTimes: t.recallTimes, recallInterval: t.recallInterval,
    totalCount: t.totalCount, finishCount: t.finishCount,
    createdAt: t.createdAt, createdTime: formatTime(t.createdAt, zone),
    scheduleTime: t.scheduleTime, scheduleTimeText: formatTime(t.scheduleTime, zone),
    completeTime: t.completeTime, completeTimeText: formatTime(t.completeTime, zone),
    actions: availableActions(t, balanceAllows),
  };
}

export function callRow(c: CallRecord, zone: string) {
  return {
    id: c.id, callee: c.callee, attempt: c.attempt, code: c.code, meaning: callResultLabel(c.code),
    startTime: formatTime(c.startedAt, zone), endTime: formatTime(c.endedAt, zone), durationS: c.durationS,
    rounds: c.result.rounds, hangup: c.result.hangup, labels: c.result.labels, hasRecording: c.result.recordingMs !== undefined,
  };
}
