// The records a batch carries (docs/decisions.md D16), made from what the outbox stored when the call
// was recorded: Alibaba's VoiceReport for a finished call, so a receiver written for Alibaba's push
// reads it unchanged, and a task-status record of ours. Times are `yyyy-MM-dd HH:mm:ss` in --timezone,
// as the API's are.
import { callResultLabel } from '../domain/calls.js';
import { formatTime } from '../domain/zoned-time.js';
import type { ReceiptKind } from '../store/receipt-store.js';

/** What migration 11's trigger stores for a call. */
interface StoredCall {
  callId: number; taskId: number; calleeSeq: number; caller: string; callee: string; robotId: number;
  startedAt: number; answeredAt: number | null; endedAt: number | null; durationS: number | null; code: string | null;
  earlyMediaCode: string | null; numberStatusIdent: boolean; hangup: 'user' | 'robot' | null;
}

/** What migration 11's trigger stores for a status change. */
interface StoredStatus { taskId: number; taskName: string; status: string; at: number; totalCount: number; finishCount: number }

const HANGUP: Record<string, string> = { user: '用户', robot: '机器' };

/**
 * A VoiceReport record. `out_id` is `ALICOM_SMART_SAAS^<taskId>^<callee's sequence in the task>`, the
 * form Alibaba documents for its batch robot (whose last part it does not explain); every task's calls
 * use it, so one parser serves both. robotcall records no ringing time, so `ring_time` is empty; a
 * robot call has one leg, which the `b_` fields repeat, as Alibaba's own example does.
 */
export function voiceReport(p: StoredCall, zone: string): Record<string, string | number> {
  const answered = p.answeredAt !== null;
  const start = answered ? formatTime(p.answeredAt, zone) : '';
  const end = answered ? formatTime(p.endedAt, zone) : '';
  const originate = formatTime(p.startedAt, zone);
  const duration = answered ? p.durationS ?? 0 : 0;
  const code = p.code ?? '';
  const record: Record<string, string | number> = {
    call_id: `${p.taskId}^${p.callId}`,
    start_time: start,
    end_time: end,
    duration: String(duration),
    status_code: code,
    status_msg: callResultLabel(code),
    out_id: `ALICOM_SMART_SAAS^${p.taskId}^${p.calleeSeq}`,
    caller: p.caller,
    callee: p.callee,
    hangup_direction: p.hangup === null ? '' : HANGUP[p.hangup] ?? '',
    toll_type: 'UNKNOWN',
    originate_time: originate,
    ring_time: '',
    b_originate_time: originate,
    b_ring_time: '',
    b_start_time: start,
    b_end_time: end,
    b_duration: duration,
    voice_type: 'voice',
    extend: '',
    parallel_leg_hangup_cause: '',
    dialog_id: String(p.robotId),
  };
  // Present, as on Alibaba, only where the task asked for number-status recognition.
  if (p.numberStatusIdent && typeof p.earlyMediaCode === 'string') record.early_media_code = p.earlyMediaCode;
  return record;
}

/** Our task-status record: every status a task takes, with its totals at that moment. */
export function taskStatusReport(p: StoredStatus, zone: string): Record<string, string | number> {
  return {
    task_id: String(p.taskId),
    task_name: p.taskName,
    status: p.status,
    status_time: formatTime(p.at, zone),
    total_count: p.totalCount,
    finish_count: p.finishCount,
  };
}

/** The JSON array a batch posts. */
export function batchBody(kind: ReceiptKind, payloads: ReadonlyArray<Record<string, unknown>>, zone: string): string {
  const records = kind === 'VoiceReport'
    ? payloads.map((p) => voiceReport(p as unknown as StoredCall, zone))
    : payloads.map((p) => taskStatusReport(p as unknown as StoredStatus, zone));
  return JSON.stringify(records);
}
