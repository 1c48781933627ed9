// What every new account starts with (docs/decisions.md D12): demo robots and owned caller numbers.
import type { AuditStatus } from './types.js';

export interface RobotSeed {
  name: string;
  auditStatus: AuditStatus;
  remark: string;
}

/**
 * In id order; the first is AUDITPASS and, for the first account, gets id 1000000075003 and the
 * name the seed documents show ("机器人"). The others let users try every audit status.
 */
export const DEMO_ROBOTS: readonly RobotSeed[] = [
  { name: '机器人', auditStatus: 'AUDITPASS', remark: 'robotcall demo robot' },
  { name: '回访机器人', auditStatus: 'AUDITPASS', remark: 'robotcall demo robot: customer follow-up' },
  { name: '催收提醒机器人', auditStatus: 'AUDITING', remark: 'robotcall demo robot: still under audit' },
  { name: '营销机器人', auditStatus: 'AUDITFAIL', remark: 'robotcall demo robot: audit failed' },
];

/** The numbers the api/ examples and seeds use as `Caller`, owned by every account. */
export const DEMO_CALLER_NUMBERS: readonly string[] = ['057156860006', '057156860008', '057112345678', '057187654321'];

/** A stable 32-hex ASR model id per robot, shaped like the api/ example's `asrId`. */
export function demoAsrId(robotId: number): string {
  return (robotId.toString(16) + 'a9a1d69081fd4266ad788346bf5e1b6c').slice(0, 32);
}
