// Server CPU per RPC request at a fixed rate (README "Performance", "Logs"): what the access line and
// the request metrics cost. QueryRobotTaskDetail, v1-signed with a fresh nonce each, at a rate well
// below saturation, so the figure is the work per request and not queueing: the server's user+system
// CPU (all its threads, from /proc) over a round, divided by the requests it answered. Linux only.
// BENCH_CPU_BASE=DIR runs the same servers from another checkout too (DIR/src/cli/bin.ts, e.g. a
// `git archive main` with this checkout's node_modules linked in), alternating round by round.
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { client } from '../test/support/clients.js';
import { nodeProcess, type CliProcess } from '../test/support/process.js';
import { TEST_KEY, freshDataDir } from '../test/support/test-server.js';
import { signedPath } from './signed-load.js';

const RATE = Number(process.env.BENCH_CPU_RATE ?? 3000);
const SECONDS = Number(process.env.BENCH_CPU_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_CPU_ROUNDS ?? 3);
const BASE = process.env.BENCH_CPU_BASE;
/** Clock ticks per second of /proc/PID/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICKS = 100;

const cpuMs = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Target { name: string; level: string; server: CliProcess; dataDir: string; url: string; taskId: string; perRound: number[] }

async function startTarget(name: string, bin: string, level: string): Promise<Target> {
  const dataDir = await freshDataDir();
  const server = nodeProcess([bin, 'serve', '--port', '0', '--data-dir', dataDir, '--log-level', level, '--log-format', 'json'], {
    ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret,
  }, /robotcall ready on (http:\/\/\S+)/);
  const url = await server.ready();
  const call = client('pop-get', { port: Number(new URL(url).port), ...TEST_KEY });
  const taskId = String((await call('CreateRobotTask', {
    TaskName: 'cpu', DialogId: 1000000075003, CorpName: 'bench corp', Caller: '057156860008', NumberStatusIdent: false, RetryType: 0,
  })).body.Data);
  return { name, level, server, dataDir, url, taskId, perRound: [] };
}

async function round(t: Target, label: string): Promise<number> {
  const paths = Array.from({ length: RATE * SECONDS + 1000 }, (_, i) => signedPath('QueryRobotTaskDetail', { Id: t.taskId }, TEST_KEY.accessKeyId, TEST_KEY.accessKeySecret, `${label}-${i}`));
  let n = 0;
  const before = cpuMs(t.server.child.pid!);
  const result = await autocannon({
    url: t.url, connections: 16, duration: SECONDS, overallRate: RATE,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: paths[n++]! }) }],
  });
  const spent = cpuMs(t.server.child.pid!) - before;
  if (result.non2xx + result.errors > 0) throw new Error(`${t.name}: ${result.non2xx + result.errors} requests failed`);
  return (spent * 1000) / result.requests.total;
}

export async function benchRequestCpu(): Promise<void> {
  const bins = [{ name: 'this checkout', bin: 'src/cli/bin.ts' }, ...(BASE ? [{ name: path.basename(BASE), bin: path.resolve(BASE, 'src/cli/bin.ts') }] : [])];
  const targets: Target[] = [];
  try {
    for (const { name, bin } of bins) for (const level of ['warn', 'info']) targets.push(await startTarget(name, bin, level));
    for (let r = -1; r < ROUNDS; r++) {
      for (const [i, t] of targets.entries()) {
        const us = await round(t, `cpu-${r}-${i}`);
        // Round -1 warms each server up (code compiled, caches filled) and is not counted.
        if (r >= 0) t.perRound.push(us);
      }
    }
  } finally {
    for (const t of targets) t.server.child.kill('SIGTERM');
    await Promise.all(targets.map((t) => t.server.exited()));
    for (const t of targets) rmSync(t.dataDir, { recursive: true, force: true });
  }
  console.log(`\nServer CPU per QueryRobotTaskDetail (v1-signed GET), ${RATE} req/s for ${SECONDS} s x ${ROUNDS} rounds, embedded store, JSON log lines to a pipe`);
  console.table(targets.map((t) => ({
    server: t.name, 'log level': t.level, 'µs CPU per request (median)': Number(median(t.perRound).toFixed(1)), rounds: t.perRound.map((x) => x.toFixed(1)).join(', '),
  })));
}
