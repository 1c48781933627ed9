// What every application operation works with: the store, the signed-in account, the engine's
// time and wake-up, the calling hours and zone, and who asked (for the task lifecycle log lines).
import type { Logger } from 'pino';
import type { CallingHours } from '../domain/calling-hours.js';
import type { Account } from '../domain/types.js';
import type { Store } from '../store/store.js';

/** Recordings of answered SIP calls, as far as the operations need them (api/recording-links.ts). */
export interface RecordingFiles {
  removeTask(taskId: number): Promise<void>;
}

export interface AppContext {
  store: Store;
  account: Account;
  /** Engine-clock now, epoch ms (docs/decisions.md D6). */
  now: () => number;
  /** Tells the engine a task changed (started, stopped, cancelled, got numbers). */
  wakeEngine: () => void;
  /** The configured calling hours, for schedule checks (D7); null = any time. */
  callingHours: CallingHours | null;
  /** Zone every time is rendered and parsed in. */
  timezone: string;
  /** A deleted task's recordings go with it. */
  recordings: RecordingFiles;
  /** Who asked, for the lifecycle lines (README "Logs"): the RPC API with its action, or the console. */
  by: 'api' | 'console';
  action: string;
  log: Logger;
}
