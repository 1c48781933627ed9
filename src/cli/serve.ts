// `robotcall serve`: start, print one ready line, stop gracefully on SIGTERM/SIGINT (docs/decisions.md D12).
import { existsSync } from 'node:fs';
import { CONSOLE_BUILD_DIR } from '../console/console-assets.js';
import { DRAIN_MS } from '../api/connections.js';
import { loadConfig, type ConfigFlags } from '../config.js';
import { systemClock } from '../clock.js';
import { logFormatOf, startRobotcall } from '../main.js';
import { applyHeapGrowth } from './heap-growth.js';
import { stopOnSignals, UNRECORDED_AT_STOP } from './stop-signals.js';

const CLOSE_GRACE_MS = 20_000;

export async function serve(flags: ConfigFlags): Promise<void> {
  const config = loadConfig(undefined, flags);
  applyHeapGrowth(config.heapGrowingPercent);
  const server = await startRobotcall(config);
  // Before the ready line: whoever waits for it may stop the process the moment it shows.
  stopOnSignals({
    waiting: `finishing requests in flight (at most ${DRAIN_MS / 1000} s), then calls in flight (at most ${config.grace} s)`,
    // Last resort, should closing the store itself hang: the drain, the engine's grace, then 20 s,
    // ample for counting rows (integrity.ts: ~0.3 s a million) and PGlite's final checkpoint.
    limitMs: DRAIN_MS + config.grace * 1000 + CLOSE_GRACE_MS,
    close: async () => {
      const { cut, engine } = await server.close(DRAIN_MS);
      if (!engine.recorded) {
        throw new Error(UNRECORDED_AT_STOP);
      }
      return [
        ...(cut > 0 ? [`cut ${cut} connection${cut === 1 ? '' : 's'} still busy after ${DRAIN_MS / 1000} s`] : []),
        'stopped; store closed',
      ];
    },
  });
  for (const notice of server.notices) console.error(`robotcall: ${notice}`);
  // With the other notices on stderr: a secret has no place in the log lines stdout carries.
  if (server.generatedKey) {
    const k = server.generatedKey;
    console.error(`robotcall: generated an access key (shown only now): AccessKeyId=${k.AccessKeyId} AccessKeySecret=${k.AccessKeySecret}`);
  }
  const ready = `robotcall ready on ${server.url} (AccessKeyId ${server.keyId ?? 'none active'}, ${server.storeDescription})`;
  // Whatever the log level, on stdout; as one of its JSON lines when stdout carries JSON.
  if (logFormatOf(config) === 'json') {
    console.log(JSON.stringify({ level: 30, time: systemClock.now(), pid: process.pid, msg: ready, url: server.url, accessKeyId: server.keyId }));
  } else console.log(ready);
  console.error(existsSync(`${CONSOLE_BUILD_DIR}index.html`)
    ? `robotcall: web console on ${server.url}/console (README "Web console")`
    : 'robotcall: the web console is not built (npm run build); /console answers 503 until it is');
}
