// Labels for wire values: task statuses and their badge families, call state codes (CALL_RESULT_LABELS, src/domain/calls.ts), audit statuses.
import { pick } from './i18n';

export const STATUS_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  INIT: ['Not started', '未开始'],
  READY: ['Ready', '待执行'],
  DISPATCH: ['Dispatching', '分发中'],
  EXCUTING: ['Running', '执行中'],
  MANUAL_STOP: ['Stopped', '手动暂停'],
  SYSTEM_STOP: ['Paused (calling hours)', '系统暂停'],
  ARREARS_STOP: ['Stopped (balance)', '欠费暂停'],
  CANCEL: ['Cancelled', '已取消'],
  SYSTEM_CANCEL: ['Cancelled by system', '系统取消'],
  FINISH: ['Finished', '已完成'],
};

export type StatusFamily = 'running' | 'stopped' | 'final-ok' | 'final-cancel' | 'init';

export function statusFamily(status: string): StatusFamily {
  switch (status) {
    case 'READY': case 'DISPATCH': case 'EXCUTING': return 'running';
    case 'MANUAL_STOP': case 'SYSTEM_STOP': case 'ARREARS_STOP': return 'stopped';
    case 'FINISH': return 'final-ok';
    case 'CANCEL': case 'SYSTEM_CANCEL': return 'final-cancel';
    default: return 'init';
  }
}

export const statusLabel = (status: string): string => pick(STATUS_LABELS, status);

/** The server sends each code's Chinese meaning; English readers get these. */
const CODE_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  200000: ['Answered', '已接通'],
  200001: ['Hung up after answering', '接通后挂断'],
  200002: ['Busy', '占线'],
  200003: ['No answer', '无人接听'],
  200004: ['Number not in use', '空号'],
  200005: ['Unreachable', '无法接通'],
  200006: ['Playback failed', '放音失败'],
  200007: ['Out of service area', '不在服务区'],
  200008: ['Key press timed out', '按键超时'],
  200010: ['Powered off', '关机'],
  200011: ['Suspended', '停机'],
  200012: ['Call loss', '呼损'],
  200104: ['Caller number restricted', '主叫号码受限'],
  200105: ['Callee number restricted', '被叫号码受限'],
  200111: ['Callee rejected', '被叫拒接'],
  200112: ['Callee busy', '被叫忙'],
  200113: ['Callee did not answer', '被叫无应答'],
  200116: ['Callee number invalid', '被叫号码无效'],
  200117: ['Caller ID not compliant', '外显号码不合规'],
  200118: ['Carrier time restriction', '运营商时段限制'],
  200119: ['Carrier frequency limit', '运营商频次限制'],
  200120: ['Callee out of service area', '被叫不在服务区'],
  200121: ['Concurrency exceeded', '并发超限'],
  200130: ['Other', '其他'],
};

/** A code's meaning in the page's language; the server's text for a code this table does not know. */
export function codeMeaning(code: string, serverMeaning?: string): string {
  if (Object.hasOwn(CODE_LABELS, code)) return pick(CODE_LABELS, code);
  return serverMeaning || code;
}

/** State codes a task may redial on (docs/decisions.md D3). */
export const RECALL_CODES = ['200002', '200003', '200005', '200010', '200011', '200012'] as const;

export const AUDIT_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  CONFIGURABLE: ['Configurable', '可配置'],
  AUDITING: ['Under review', '审核中'],
  AUDITPASS: ['Approved', '审核通过'],
  AUDITFAIL: ['Rejected', '审核未通过'],
};

export const INTENT_KIND_LABELS: Readonly<Record<string, readonly [string, string]>> = {
  sure: ['yes', '肯定'],
  deny: ['no', '否定'],
  reject: ['refusal', '拒绝'],
  custom: ['custom', '自定义'],
  'knowledge-business': ['business FAQ', '业务问答'],
  'knowledge-common': ['common FAQ', '通用问答'],
};
