// Wire shapes of a task: QueryRobotTaskDetail's object and QueryRobotTaskList's rows, keys in the
// order the seed pages show them; unset times are "" (DECISIONS D3).
import { formatTime } from '../domain/zoned-time.js';
import type { Task } from '../domain/types.js';

export function taskDetail(t: Task, zone: string, fileUrl: (fileName: string) => string) {
  return {
    id: t.id,
    taskName: t.name,
    robotId: t.robotId,
    robotName: t.robotName,
    corpName: t.corpName,
    caller: t.caller,
    numberStatusIdent: t.numberStatusIdent,
    status: t.status,
    scheduleType: t.scheduleType,
    retryType: t.retryType,
    recallStateCodes: t.recallStateCodes,
    recallTimes: t.recallTimes,
    recallInterval: t.recallInterval,
    createTime: formatTime(t.createdAt, zone),
    fireTime: formatTime(t.fireTime, zone),
    completeTime: formatTime(t.completeTime, zone),
    called: t.calledFiles.map((fileName) => ({ fileName, ossFilePath: fileUrl(fileName) })),
  };
}

/** List rows use dotted dates, `yyyy.MM.dd HH:mm:ss`, as QueryRobotTaskList documents. */
export function taskListRow(t: Task, zone: string) {
  return {
    id: t.id,
    taskName: t.name,
    robotId: t.robotId,
    robotName: t.robotName,
    status: t.status,
    scheduleType: t.scheduleType,
    createTime: formatTime(t.createdAt, zone, '.'),
    fireTime: formatTime(t.fireTime, zone, '.'),
    completeTime: formatTime(t.completeTime, zone, '.'),
    totalCount: t.totalCount,
    finishCount: t.finishCount,
  };
}
