// Call records (one per attempt) and how the call APIs read them (docs/decisions.md D13).
import type { Counters, Utterance } from './conversation.js';
import { own } from './own.js';

export interface CallRecord {
  /** The attempt id; the wire callId is `${taskId}^${id}`. */
  id: number;
  taskId: number;
  calleeSeq: number;
  /** 1 for the first dial of the callee. */
  attempt: number;
  caller: string;
  /** The normalised number dialed. */
  dialed: string;
  /** The callee number as uploaded. */
  callee: string;
  startedAt: number;
  answeredAt: number | null;
  endedAt: number;
  code: string;
  earlyMediaCode: string | null;
  durationS: number;
  costFen: number;
  result: Conversation;
}

/** What happened on an answered call; all empty for one never answered. */
export interface Conversation {
  transcript: Utterance[];
  rounds: number;
  labels: string[];
  counters: Counters;
  /** null when the call was never answered. */
  hangup: 'user' | 'robot' | null;
  transfer: string | null;
  /** Length of the call's recording (a SIP call answered, docs/decisions.md D15); absent when none was made. */
  recordingMs?: number;
}

export interface CallFilter {
  durationFrom?: number;
  durationTo?: number;
  dialogCountFrom?: number;
  dialogCountTo?: number;
  hangup?: 'user' | 'robot';
  code?: string;
  /** Normalised callee number. */
  dialed?: string;
  /** The API's order is of first dial (D13); the console's is the callees' upload order, read by key. */
  order?: 'first-dial' | 'upload';
}

/** What the console charts of a task's calls (store/sql/task-stats.ts). */
export interface CallStats {
  /** Callees by the state code of their latest ended call. */
  byCode: Record<string, number>;
  /** Labels of those calls, each counted once per call. */
  byLabel: Record<string, number>;
  /** Ended dials by start time: `counts[i]` started in [from + i × bucketMs, from + (i + 1) × bucketMs). */
  overTime: { from: number; bucketMs: number; counts: number[] };
}

export interface CalleeListing {
  seq: number;
  number: string;
  dialed: string;
  state: string;
  attempts: number;
  dueAt: number | null;
  tts: Record<string, string> | null;
}

/**
 * callResult labels of QueryRobotTaskCallList / QueryRobotTaskCallDetail (D13: the API shows text,
 * e.g. 已接通, 占线, 无法接通). One table; the README's copy is generated from it.
 */
export const CALL_RESULT_LABELS: Readonly<Record<string, string>> = {
  200000: '已接通',
  200001: '接通后挂断',
  200002: '占线',
  200003: '无人接听',
  200004: '空号',
  200005: '无法接通',
  200006: '放音失败',
  200007: '不在服务区',
  200008: '按键超时',
  200010: '关机',
  200011: '停机',
  200012: '呼损',
  200104: '主叫号码受限',
  200105: '被叫号码受限',
  200111: '被叫拒接',
  200112: '被叫忙',
  200113: '被叫无应答',
  200116: '被叫号码无效',
  200117: '外显号码不合规',
  200118: '运营商时段限制',
  200119: '运营商频次限制',
  200120: '被叫不在服务区',
  200121: '并发超限',
  200130: '其他',
};

export function callResultLabel(code: string): string {
  return own(CALL_RESULT_LABELS, code) ?? code;
}
