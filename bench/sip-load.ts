// SIP load (issue 9): 1,000 callees dialed by a real `serve --carrier sip` at 50 calls/s and 100 calls at
// once, against SIPp as the trunk (test/sip/scenarios/load.xml: ring 100 ms, answer, listen until
// the robot's ~2.7 s prompt ends and it hangs up). Reports: SIPp's own call counts beside robotcall's
// call records and carrier ledger; the most calls in progress at once and the closest two starts
// (from the call records) against the limits; robotcall's CPU; and the RTP pacing of every call,
// caught on a UDP socket of this process that the answers point the media to: each packet's gap from
// the one before in its stream, against the 20 ms it should be (p50, p99, max). Skipped without sipp
// or espeak-ng. BENCH_SIP_CALLEES changes the count.
import { createSocket } from 'node:dgram';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { espeakMissing } from '../src/carrier/sip/speech.js';
import { admin } from '../test/support/admin.js';
import { client } from '../test/support/clients.js';
import { robotcall } from '../test/support/process.js';
import { SIPP_MISSING, startSipp } from '../test/support/sipp.js';
import { freshDataDir, TEST_KEY } from '../test/support/test-server.js';

const CALLEES = Number(process.env.BENCH_SIP_CALLEES ?? 1000);
const CPS = 50;
const CONCURRENCY = 100;
const ROBOT_ID = 1000000099401;
const DIALOG = { start: 'hi', nodes: { hi: { say: 'Hello, this is a load test. Goodbye.', hangup: true } } };
const TICKS = 100;

export async function benchSipLoad(): Promise<void> {
  const missing = SIPP_MISSING ?? espeakMissing();
  if (missing) {
    console.log(`\nSIP load: skipped (${missing})`);
    return;
  }
  const capture = await rtpCapture();
  const sipp = await startSipp({ scenario: 'load', calls: CALLEES, keys: { capture_port: capture.port }, stats: true, timeoutS: 900 });
  const dir = await freshDataDir();
  const ledger = path.join(dir, 'ledger.jsonl');
  const server = robotcall([
    'serve', '--port', '0', '--data-dir', dir, '--carrier', 'sip', '--sip-trunk', `sip:127.0.0.1:${sipp.port}`, '--sip-port', '0',
    '--rtp-ports', '40000-40999', '--calls-per-second', String(CPS), '--task-concurrency', String(CONCURRENCY),
    '--account-concurrency', String(CONCURRENCY), '--carrier-ledger', ledger, '--log-level', 'error',
  ], { ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret });
  try {
    const port = Number(new URL(await server.ready()).port);
    const put = await admin(port, 'PUT', `accounts/${TEST_KEY.accessKeyId}/robots/${ROBOT_ID}`, { name: 'load', auditStatus: 'AUDITPASS', dialog: DIALOG });
    if (put.status !== 201) throw new Error(`robot: ${JSON.stringify(put.json)}`);
    const call = client('pop-post', { port, ...TEST_KEY });
    const id = Number((await call('CreateRobotTask', {
      TaskName: 'sip load', DialogId: ROBOT_ID, Caller: '057156860006', CorpName: 'load', NumberStatusIdent: false, RetryType: 0,
    })).body.Data);
    const numbers = Array.from({ length: CALLEES }, (_, i) => `1390002${String(i).padStart(4, '0')}`);
    await call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: numbers.join(',') });
    const cpu0 = cpuSeconds(server.child.pid!);
    const t0 = performance.now();
    await call('StartRobotTask', { TaskId: id });
    for (;;) {
      const status = JSON.parse(String((await call('QueryRobotTaskDetail', { Id: id })).body.Data)).status as string;
      if (status === 'FINISH') break;
      if (performance.now() - t0 > 600_000) throw new Error(`the task is ${status} after 10 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const wallS = (performance.now() - t0) / 1000;
    const cpuS = cpuSeconds(server.child.pid!) - cpu0;
    const calls = (await admin(port, 'GET', `tasks/${id}/calls?limit=10000`)).json.calls as Array<{ code: string; startedAt: number; endedAt: number }>;
    const sippDone = await sipp.exited;
    const counts = sippCounts(sippDone.stats);
    const starts = calls.map((c) => c.startedAt).sort((a, b) => a - b);
    const minGap = Math.min(...starts.slice(1).map((s, i) => s - starts[i]!));
    const jitter = capture.gaps();
    console.log(`\nSIP load: ${CALLEES} callees, limits ${CPS} calls/s and ${CONCURRENCY} at once, against SIPp (UDP, loopback)`);
    console.table([{
      'FINISH after (s)': wallS.toFixed(1), 'SIPp calls': counts.created, 'SIPp successful': counts.successful, 'SIPp failed': counts.failed,
      'call records': calls.length, answered: calls.filter((c) => c.code === '200000').length, 'ledger lines': readFileSync(ledger, 'utf8').trim().split('\n').length,
      'most at once (limit)': `${maxConcurrent(calls)} (${CONCURRENCY})`, 'closest starts ms (limit)': `${minGap} (${1000 / CPS})`,
      'robotcall CPU s': cpuS.toFixed(1), 'of one core': `${Math.round((cpuS / wallS) * 100)}%`,
    }]);
    console.log(`RTP pacing: ${jitter.packets} packets in ${jitter.streams} streams; gap from 20 ms: p50 ${jitter.p50.toFixed(2)} ms, p99 ${jitter.p99.toFixed(2)} ms, max ${jitter.max.toFixed(1)} ms (the measuring process's own event-loop delay, p99: ${jitter.ownLagP99.toFixed(1)} ms)`);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited();
    sipp.stop();
    capture.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Calls in progress at once, from the records: a call holds its line from its start to its end. */
function maxConcurrent(calls: ReadonlyArray<{ startedAt: number; endedAt: number }>): number {
  const edges = calls.flatMap((c) => [[c.startedAt, 1], [c.endedAt, -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, d] of edges) most = Math.max(most, (now += d));
  return most;
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

/** SIPp's cumulative counters from the last line of its statistics. */
function sippCounts(csv: string): { created: number; successful: number; failed: number } {
  const lines = csv.trim().split('\n');
  const head = lines[0]!.split(';');
  const last = lines.at(-1)!.split(';');
  const col = (name: string) => Number(last[head.indexOf(name)]);
  return { created: col('TotalCallCreated'), successful: col('SuccessfulCall(C)'), failed: col('FailedCall(C)') };
}

async function rtpCapture() {
  // This process's own lateness, to tell from robotcall's: arrival times are read on its event loop.
  const lag = monitorEventLoopDelay({ resolution: 5 });
  lag.enable();
  const socket = createSocket('udp4');
  const last = new Map<number, number>();
  const gaps: number[] = [];
  let packets = 0;
  socket.on('message', (data) => {
    if (data.length < 12) return;
    const at = performance.now();
    const ssrc = data.readUInt32BE(8);
    const before = last.get(ssrc);
    if (before !== undefined) gaps.push(Math.abs(at - before - 20));
    last.set(ssrc, at);
    packets++;
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: socket.address().port,
    gaps() {
      const sorted = [...gaps].sort((a, b) => a - b);
      const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
      return { packets, streams: last.size, p50: q(0.5), p99: q(0.99), max: sorted.at(-1) ?? 0, ownLagP99: lag.percentile(99) / 1e6 };
    },
    close: () => {
      lag.disable();
      socket.close();
    },
  };
}
