// Wire shapes of call records (docs/decisions.md D13, docs/api/QueryRobotTaskCallList.md and siblings): keys in
// the documented examples' order, scalar types as those examples show them.
import { callResultLabel, type CallRecord } from '../domain/calls.js';
import { formatJavaDate, formatTime } from '../domain/zoned-time.js';
import type { Counters } from '../domain/conversation.js';

/** `1` user, `0` robot (D13); "" when the call was never answered, in all three call APIs alike. */
const hangupCode = (c: CallRecord) => (c.result.hangup === 'user' ? '1' : c.result.hangup === 'robot' ? '0' : '');

function common(c: CallRecord, zone: string) {
  return {
    caller: c.caller,
    called: c.callee,
    duration: String(c.durationS),
    label: c.result.labels.join(','),
    dialogCount: String(c.result.rounds),
    callResult: callResultLabel(c.code),
    hangupDirection: hangupCode(c),
    transferResult: c.result.transfer ? '1' : '3',
    transferNumber: c.result.transfer ?? '',
    transferFailReason: '',
    callId: `${c.taskId}^${c.id}`,
    recallCurTimes: c.attempt - 1,
    callStartTime: formatTime(c.startedAt, zone, '.'),
    callEndTime: formatTime(c.endedAt, zone, '.'),
    ...counterFields(c.result.counters),
  };
}

/** The intent counters under their wire names, in the documented order (knowledgeCount = both kinds). */
function counterFields(n: Counters) {
  return {
    sureCount: n.sure,
    denyCount: n.deny,
    rejectCount: n.reject,
    customCount: n.custom,
    knowledgeCount: n['knowledge-business'] + n['knowledge-common'],
    defaultCount: n.default,
    knowledgeBusinessCount: n['knowledge-business'],
    knowledgeCommonCount: n['knowledge-common'],
  };
}

/** QueryRobotTaskCallList entry: every scalar a string, as the api example shows. */
export function callListRow(c: CallRecord, zone: string): Record<string, string> {
  const row: Record<string, string> = { taskId: String(c.taskId) };
  for (const [k, v] of Object.entries(common(c, zone))) row[k] = String(v);
  return row;
}

/** QueryRobotTaskCallDetail's Data: the example's mix of numbers and strings, plus record and transcript. */
export function callDetail(c: CallRecord, zone: string, recordingUrl: string | null = null) {
  return {
    taskId: c.taskId,
    ...common(c, zone),
    ...recordFields(recordingUrl),
    dialogDetail: c.result.transcript.map((u) => ({
      role: u.role, speakTime: formatTime(c.answeredAt! + u.atMs, zone), content: u.content,
    })),
  };
}

/** QueryCallDetailByTaskId's Data (docs/api/QueryCallDetailByTaskId.md): both `statusCode` and `state` (D13). */
export function smartCallDetail(c: CallRecord, zone: string, numberStatusIdent: boolean, recordingUrl: string | null = null) {
  return {
    callId: `${c.taskId}^${c.id}`,
    callee: c.callee,
    calleeShowNumber: c.caller,
    gmtCreate: formatTime(c.startedAt, zone),
    startDate: formatTime(c.answeredAt, zone),
    endDate: formatTime(c.endedAt, zone),
    statusCode: c.code,
    state: c.code,
    stateDesc: stateDescription(c, numberStatusIdent),
    duration: c.durationS,
    // A number here, as the api example shows; "" (as in the other call APIs) for a call never answered.
    hangupDirection: hangupCode(c) === '' ? '' : Number(hangupCode(c)),
    tags: c.result.labels.join(','),
    dialogCount: c.result.rounds,
    ...counterFields(c.result.counters),
    ...recordFields(recordingUrl),
    dialogDetail: c.result.transcript.map((u) => {
      const at = c.answeredAt! + u.atMs;
      return { role: u.role, content: u.content, time: formatTime(at, zone), startTime: formatJavaDate(at, zone) };
    }),
  };
}

/** The hang-up reason; with NumberStatusIdent, the early-media result's label when there is one. */
function stateDescription(c: CallRecord, numberStatusIdent: boolean): string {
  if (numberStatusIdent && c.earlyMediaCode) return callResultLabel(c.earlyMediaCode);
  if (c.answeredAt === null) return callResultLabel(c.code);
  return c.result.hangup === 'user' ? '用户挂机' : '机器人挂机';
}

/** recordStatus 1 with the signed URL while the call's recording is kept, else 2 and "" (docs/decisions.md D15). */
function recordFields(url: string | null): { recordStatus: 1 | 2; recordFile: string } {
  return url === null ? { recordStatus: 2, recordFile: '' } : { recordStatus: 1, recordFile: url };
}
