// `robotcall import` of a 300,000-row .xlsx with two TTS columns into a task on a real server, beside
// exceljs's own streaming read of the same file (WorkbookReader, every row visited), alternating in one
// run. Both are timed as whole processes, start to exit, as a user waits for them: the CLI is the built
// one (dist/, compiled first), as is the server, the baseline a bare node process with exceljs. Also the server's RSS
// (/proc/PID/status VmRSS, sampled every 50 ms) during each import against just before it.
// Targets: import ≤ 1.3× the read; RSS growth ≤ 150 MB. BENCH_IMPORT_ROUNDS (default 5).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { largeCalleeWorkbook } from '../test/support/callee-files.js';
import { client } from '../test/support/clients.js';
import { robotcall } from '../test/support/process.js';
import { TEST_KEY, freshDataDir } from '../test/support/test-server.js';

const ROWS = 300_000;
const ROUNDS = Number(process.env.BENCH_IMPORT_ROUNDS ?? 5);

const BASELINE = `import ExcelJS from 'exceljs';
import { createReadStream } from 'node:fs';
const reader = new ExcelJS.stream.xlsx.WorkbookReader(createReadStream(process.argv[1]), { sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'cache', worksheets: 'emit', entries: 'emit' });
let rows = 0;
for await (const sheet of reader) for await (const row of sheet) if (row.values.length > 1) rows++;
console.log(rows);`;

/** Runs a process to its end: its wall time and stdout. */
function timed(args: string[], env: Record<string, string> = {}): Promise<{ ms: number; code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    child.on('exit', (code) => resolve({ ms: performance.now() - t0, code, stdout, stderr }));
  });
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchImport(): Promise<void> {
  // The CLI as users run it, compiled from this checkout's sources.
  const built = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('tsc -p tsconfig.build.json failed');
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'robotcall-import-bench-'));
  const file = path.join(tmp, 'callees.xlsx');
  writeFileSync(file, await largeCalleeWorkbook(ROWS));
  // The server as users run it too: the compiled tree, not the sources through tsx.
  process.env.ROBOTCALL_TEST_CLI = 'dist';
  const dataDir = await freshDataDir();
  const server = robotcall(['serve', '--port', '0', '--data-dir', dataDir, '--engine', 'off', '--log-level', 'warn'], {
    ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret,
  });
  const rows: Array<Record<string, string | number>> = [];
  try {
    const port = Number(new URL(await server.ready()).port);
    const pid = server.child.pid!;
    const call = client('pop-post', { port, ...TEST_KEY });
    const env = { ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret, ROBOTCALL_ENDPOINT: `127.0.0.1:${port}` };
    for (let round = 1; round <= ROUNDS; round++) {
      const base = await timed(['--input-type=module', '-e', BASELINE, file]);
      if (base.stdout.trim() !== String(ROWS + 1)) throw new Error(`baseline read ${base.stdout} rows: ${base.stderr}`);
      const id = (await call('CreateRobotTask', { TaskName: `import ${round}`, DialogId: 1000000075003, Caller: '057156860008', NumberStatusIdent: false, RetryType: 0 })).body.Data as string;
      const before = rssMb(pid);
      let peak = before;
      const sampler = setInterval(() => { peak = Math.max(peak, rssMb(pid)); }, 50);
      const ours = await timed(['bin/robotcall.js', 'import', id, file, '--json'], env);
      clearInterval(sampler);
      peak = Math.max(peak, rssMb(pid));
      if (ours.code !== 0) throw new Error(`import exited ${ours.code}: ${ours.stderr}`);
      const summary = JSON.parse(ours.stdout) as { sent: number; uploads: number };
      if (summary.sent !== ROWS) throw new Error(`import sent ${summary.sent} rows`);
      rows.push({
        round, 'exceljs read (s)': +(base.ms / 1000).toFixed(2), 'robotcall import (s)': +(ours.ms / 1000).toFixed(2),
        ratio: +(ours.ms / base.ms).toFixed(2), uploads: summary.uploads,
        'server RSS before (MB)': Math.round(before), 'peak (MB)': Math.round(peak), 'growth (MB)': Math.round(peak - before),
      });
    }
  } finally {
    server.child.kill('SIGTERM');
    await server.exited();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  }
  const ratios = rows.map((r) => r.ratio as number);
  console.log(`\nrobotcall import of a ${ROWS.toLocaleString('en')}-row .xlsx (two TTS columns) into a task on a real server (embedded store), against exceljs's streaming read of the same file; whole processes, ${os.loadavg()[0]!.toFixed(1)} load average at the end`);
  console.table(rows);
  console.log(`ratio median ${median(ratios).toFixed(2)} (rounds ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}; target ≤ 1.3); `
    + `server RSS growth at most ${Math.max(...rows.map((r) => r['growth (MB)'] as number))} MB (target ≤ 150)`);
}
