// SIPp (Debian package sip-tester) as the trunk and its callees, one scenario of test/sip/scenarios
// per process, on free ports of 127.0.0.1. Tests that need it skip when it is absent (SIPP_MISSING).
import { spawn, spawnSync } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCENARIOS = fileURLToPath(new URL('../sip/scenarios/', import.meta.url));

/** Why SIPp tests skip, or null when sipp runs here. */
export const SIPP_MISSING: string | null = spawnSync('sipp', ['-v'], { stdio: 'ignore' }).error
  ? 'sipp is not installed: apt-get install -y sip-tester (.ci/run does) to run the SIP tests'
  : null;

export interface Sipp {
  port: number;
  transport: 'udp' | 'tcp';
  /** SIPp's exit: 0 when every call went through the scenario as written; its statistics CSV when asked for. */
  exited: Promise<{ code: number | null; errors: string; stats: string }>;
  stop(): void;
}

export interface SippOptions {
  scenario: string;
  transport?: 'udp' | 'tcp';
  keys?: Record<string, string | number>;
  /** Written into the scenario's {{name}} places before SIPp reads it: what SIPp will not take as a -key (a status line, a pause). */
  fill?: Record<string, string | number>;
  /** Calls before SIPp exits (-m). */
  calls?: number;
  /** Write SIPp's statistics (-trace_stat, each second), given back on exit. */
  stats?: boolean;
  /** SIPp quits after this many seconds whatever happens (a test that hangs leaves no SIPp behind); 30 by default. */
  timeoutS?: number;
}

export async function startSipp(o: SippOptions): Promise<Sipp> {
  // The ports are picked free, then bound by SIPp: another process (a test's user agent on an
  // ephemeral UDP port, a browser) can take one in between. SIPp then says errno 98: pick again.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startSippOnce(o);
    } catch (err) {
      if (attempt === 3 || !/errno = 98/.test(String((err as Error).message))) throw err;
    }
  }
}

async function startSippOnce(o: SippOptions): Promise<Sipp> {
  const transport = o.transport ?? 'udp';
  const port = await freePort();
  const mediaPort = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'robotcall-sipp-'));
  const errors = path.join(dir, 'errors.log');
  const scenario = path.join(dir, `${o.scenario}.xml`);
  writeFileSync(scenario, readFileSync(path.join(SCENARIOS, `${o.scenario}.xml`), 'utf8')
    .replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(o.fill?.[name] ?? '')));
  const args = [
    '-sf', scenario, '-i', '127.0.0.1', '-p', String(port), '-mi', '127.0.0.1', '-mp', String(mediaPort),
    '-t', transport === 'udp' ? 'u1' : 't1', '-m', String(o.calls ?? 1), '-nostdin', '-timeout', `${o.timeoutS ?? 30}s`, '-timeout_error',
    '-trace_err', '-error_file', errors, ...(o.stats ? ['-trace_stat', '-stf', path.join(dir, 'stats.csv'), '-fd', '1'] : []),
    ...Object.entries(o.keys ?? {}).flatMap(([k, v]) => ['-key', k, String(v)]),
  ];
  const child = spawn('sipp', args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const read = (file: string) => {
    try {
      return readFileSync(path.join(dir, file), 'utf8');
    } catch {
      return ''; // not written
    }
  };
  const exited = new Promise<{ code: number | null; errors: string; stats: string }>((resolve) => child.on('exit', (code) => {
    const result = { code, errors: `${stderr}${read('errors.log')}`.slice(-4000), stats: read('stats.csv') };
    rmSync(dir, { recursive: true, force: true });
    resolve(result);
  }));
  await waitBound(port, transport, exited.then((e) => { throw new Error(`sipp exited (${e.code}) before it bound its port:\n${e.errors}`); }));
  return { port, transport, exited, stop: () => child.kill('SIGKILL') };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Until SIPp holds its port (binding it ourselves fails); rejects with `exited`'s error if it exits first. */
async function waitBound(port: number, transport: 'udp' | 'tcp', exited: Promise<never>): Promise<void> {
  let failure: unknown = null;
  exited.catch((err: unknown) => { failure = err; });
  for (let i = 0; i < 200; i++) {
    if (failure) throw failure;
    if (await inUse(port, transport)) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`sipp did not bind ${transport} port ${port}`);
}

function inUse(port: number, transport: 'udp' | 'tcp'): Promise<boolean> {
  return new Promise((resolve) => {
    if (transport === 'udp') {
      const s = createSocket('udp4');
      s.once('error', () => resolve(true));
      s.bind(port, '127.0.0.1', () => s.close(() => resolve(false)));
    } else {
      const s = createServer();
      s.once('error', () => resolve(true));
      s.listen(port, '127.0.0.1', () => s.close(() => resolve(false)));
    }
  });
}
