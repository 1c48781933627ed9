// Wire shapes of a task: QueryRobotTaskDetail's object and QueryRobotTaskList's rows, keys in the
// order the seed pages show them; unset times are "" (docs/decisions.md D3).
import { jsonText, type JsonText } from './envelope.js';
import { formatTime } from '../domain/zoned-time.js';
import type { Task } from '../domain/types.js';

// Tasks from the store are immutable snapshots (a change yields a new object), so a task's rendered
// detail can be kept beside it; the embedded store serves the same object until the task changes.
const detailCache = new WeakMap<Task, { key: string; data: JsonText }>();

/** QueryRobotTaskDetail's Data text, with its JSON encoding. */
export function taskDetailData(t: Task, zone: string, fileUrl: (fileName: string) => string): JsonText {
  const key = `${zone}|${fileUrl('')}`;
  const cached = detailCache.get(t);
  if (cached?.key === key) return cached.data;
  const data = jsonText(JSON.stringify(taskDetail(t, zone, fileUrl)));
  detailCache.set(t, { key, data });
  return data;
}

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
