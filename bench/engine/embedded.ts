// The engine on the embedded store: one `serve` on a fresh copy of a migrated data dir. Timed from
// StartRobotTask to the end of the clock advance, which answers once the engine has caught up.
import { rmSync } from 'node:fs';
import { robotcall } from '../../test/support/process.js';
import { freshDataDir } from '../../test/support/test-server.js';
import { CALLEES, ENGINE_FLAGS, KEY_ENV, advanceClock, createBenchTask, dayAhead, startTask, taskStatus } from './task.js';

/** Callees finished per second. */
export async function embeddedEngineRun(): Promise<number> {
  const dir = await freshDataDir();
  const server = robotcall(['serve', '--port', '0', '--data-dir', dir, ...ENGINE_FLAGS], KEY_ENV);
  try {
    const port = Number(new URL(await server.ready()).port);
    const task = await createBenchTask(port);
    const to = await dayAhead(port);
    const t0 = performance.now();
    await startTask(task);
    await advanceClock(port, to);
    const status = await taskStatus(task);
    const elapsed = performance.now() - t0;
    if (status !== 'FINISH') throw new Error(`the bench task is ${status}, not FINISH`);
    return CALLEES / (elapsed / 1000);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited();
    rmSync(dir, { recursive: true, force: true });
  }
}
