// The ordered list of migrations; append only. Embedded in the build as TS modules (no file copying).
import { sql as m0001 } from './0001-init.js';
import { sql as m0002 } from './0002-engine.js';
import { sql as m0003 } from './0003-settle-by-callee.js';
import { sql as m0004 } from './0004-run-from.js';
import { sql as m0005 } from './0005-value-ranges.js';
import { sql as m0006 } from './0006-nonces-logged.js';
import { sql as m0007 } from './0007-shared-engine.js';
import { sql as m0008 } from './0008-attempt-on-callee.js';
import { sql as m0009 } from './0009-task-rows-by-trigger.js';
import { sql as m0010 } from './0010-task-status-log.js';
import { sql as m0011 } from './0011-receipts.js';
import { sql as m0012 } from './0012-batch-tts-json.js';

export const MIGRATIONS: ReadonlyArray<{ id: number; name: string; sql: string }> = [
  { id: 1, name: 'init', sql: m0001 },
  { id: 2, name: 'engine', sql: m0002 },
  { id: 3, name: 'settle-by-callee', sql: m0003 },
  { id: 4, name: 'run-from', sql: m0004 },
  { id: 5, name: 'value-ranges', sql: m0005 },
  { id: 6, name: 'nonces-logged', sql: m0006 },
  { id: 7, name: 'shared-engine', sql: m0007 },
  { id: 8, name: 'attempt-on-callee', sql: m0008 },
  { id: 9, name: 'task-rows-by-trigger', sql: m0009 },
  { id: 10, name: 'task-status-log', sql: m0010 },
  { id: 11, name: 'receipts', sql: m0011 },
  { id: 12, name: 'batch-tts-json', sql: m0012 },
];
