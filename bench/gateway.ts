// Gateway throughput: QueryRobotTaskDetail signed with v1, 32 connections over loopback, against the
// embedded store, beside bare node:http serving the same bytes; medians over alternating rounds.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import { client } from '../test/support/clients.js';
import { nodeProcess, robotcall } from '../test/support/process.js';
import { TEST_KEY, freshDataDir } from '../test/support/test-server.js';
import { signedLoad, signedPath, type LoadResult } from './signed-load.js';
const CONNECTIONS = 32;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

// Pinned by default: with server and client floating over two cores, rounds varied 0.37-0.53.
const PIN = process.env.BENCH_PIN !== '0' && os.availableParallelism() >= 2 && existsSync('/usr/bin/taskset');
/** All threads of a process onto one CPU (taskset -a), so server and load generator never share a core. */
const pin = (pid: number | undefined, cpus: number | string) => { if (PIN && pid) execFileSync('taskset', ['-a', '-cp', String(cpus), String(pid)], { stdio: 'ignore' }); };
/** This process's CPU list ("0,1"), to give back after the bench: later benches' servers are its children and inherit it. */
const cpuList = () => (PIN ? execFileSync('taskset', ['-cp', String(process.pid)], { encoding: 'utf8' }).split(': ')[1]!.trim() : '');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchGateway(): Promise<void> {
  const dataDir = await freshDataDir();
  const server = robotcall(['serve', '--port', '0', '--data-dir', dataDir], {
    ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret,
  });
  const serverUrl = await server.ready();
  const ownCpus = cpuList();
  pin(server.child.pid, 1);
  pin(process.pid, 0);
  const port = Number(new URL(serverUrl).port);
  const call = client('pop-get', { port, ...TEST_KEY });
  const id = String((await call('CreateRobotTask', {
    TaskName: '智能语音务', DialogId: 1000000075003, CorpName: 'bench corp', Caller: '057156860008,057156860006',
    NumberStatusIdent: true, RetryType: 1, RecallStateCodes: '200010,200011', RecallTimes: 2, RecallInterval: 5,
  })).body.Data);
  await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: '13800138000,13900139000' });
  const sample = await fetch(`${serverUrl}${signedPath('QueryRobotTaskDetail', { Id: id }, TEST_KEY.accessKeyId, TEST_KEY.accessKeySecret, 'sample')}`);
  const body = await sample.text();
  const baseline = nodeProcess(['bench/baseline-server.ts'], {
    BASELINE_BODY: body, BASELINE_TYPE: sample.headers.get('content-type') ?? '',
  }, /baseline ready on (http:\/\/\S+)/);
  const baselineUrl = await baseline.ready();
  pin(baseline.child.pid, 1);

  const load = (url: string, seconds: number) => signedLoad({
    url, action: 'QueryRobotTaskDetail', params: { Id: id }, keyId: TEST_KEY.accessKeyId, secret: TEST_KEY.accessKeySecret,
    connections: CONNECTIONS, seconds,
  });
  const ours: LoadResult[] = [];
  const base: LoadResult[] = [];
  try {
    await load(serverUrl, 2);
    await load(baselineUrl, 2);
    for (let round = 0; round < ROUNDS; round++) {
      ours.push(await load(serverUrl, SECONDS));
      base.push(await load(baselineUrl, SECONDS));
    }
  } finally {
    server.child.kill('SIGTERM');
    baseline.child.kill('SIGTERM');
    await Promise.all([server.exited(), baseline.exited()]);
    rmSync(dataDir, { recursive: true, force: true });
    pin(process.pid, ownCpus);
  }

  const row = (name: string, rs: LoadResult[]) => ({
    target: name,
    'req/s (median)': Math.round(median(rs.map((r) => r.requestsPerSecond))),
    'p50 ms': median(rs.map((r) => r.p50Ms)),
    'p99 ms (median)': median(rs.map((r) => r.p99Ms)),
    'errors+non2xx': rs.reduce((a, r) => a + r.errors + r.non2xx, 0),
    requests: rs.reduce((a, r) => a + r.total, 0),
  });
  console.log(`\nQueryRobotTaskDetail, v1-signed GET, ${CONNECTIONS} connections, ${ROUNDS} rounds x ${SECONDS} s, embedded store, ${Buffer.byteLength(body)}-byte body`
    + (PIN ? ', servers on CPU 1, load generator on CPU 0' : ', unpinned'));
  console.table([row('robotcall', ours), row('bare node:http, same bytes', base)]);
  // Each round runs robotcall then the baseline back to back, so the per-round ratio cancels the
  // drifts of a shared machine; its median is the headline, the ratio of medians is shown beside it.
  const perRound = ours.map((r, i) => r.requestsPerSecond / base[i]!.requestsPerSecond);
  const ofMedians = median(ours.map((r) => r.requestsPerSecond)) / median(base.map((r) => r.requestsPerSecond));
  console.log(`ratio robotcall / baseline: ${median(perRound).toFixed(2)} (median of rounds ${perRound.map((x) => x.toFixed(2)).join(', ')}; `
    + `ratio of medians ${ofMedians.toFixed(2)}); target >= 0.5, p99 <= 10 ms, no errors`);
}
