// What an action handler receives and returns; handlers stay thin and call the domain and store.
import type { Logger } from 'pino';
import type { RecordingLinks } from './recording-links.js';
import type { ParamsOf, ParamSpec } from './param-schema.js';
import type { ResultFields } from './envelope.js';
import type { CallingHours } from '../domain/calling-hours.js';
import type { Account } from '../domain/types.js';
import type { Store } from '../store/store.js';

export interface ActionContext {
  store: Store;
  account: Account;
  /** Engine-clock now, epoch ms (docs/decisions.md D6). */
  now: () => number;
  /** Tells the engine a task changed (started, stopped, cancelled, got numbers). */
  wakeEngine: () => void;
  /** The configured calling hours, for ScheduleTime checks (D7); null = any time. */
  callingHours: CallingHours | null;
  /** Zone every API time is rendered and parsed in. */
  timezone: string;
  /** Public URL of a called file's .xlsx (D5: from --public-url, else the server's own address). */
  fileUrl: (fileName: string) => string;
  /** Signed URL of a call's recording, or null when none is kept (recording-links.ts). */
  recordingUrl: (taskId: number, callId: number) => string | null;
  /** Recordings of answered SIP calls: a deleted task's go with it. */
  recordings: RecordingLinks;
  /** The action being served and the server's log, for the task lifecycle lines (README "Logs"). */
  action: string;
  log: Logger;
}

export interface ActionDef<S extends Record<string, ParamSpec> = Record<string, ParamSpec>> {
  params: S;
  handle(params: ParamsOf<S>, ctx: ActionContext): Promise<ResultFields>;
}

/** Keeps each action's parameter types flowing into its handler. */
export function defineAction<S extends Record<string, ParamSpec>>(def: ActionDef<S>): ActionDef<S> {
  return def;
}
