// Child processes for installed-check.ts: run to completion, or start and wait for a line; as an
// unprivileged user when this runs as root (the image runs as `node`, not root).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

/** The uid and gid the installed package runs as when this script is root: `nobody`. */
export const UNPRIVILEGED = 65534;
const SETPRIV = '/usr/bin/setpriv';

export const runsAsRoot = process.getuid?.() === 0;
/** Whether commands are dropped to UNPRIVILEGED; said in the summary, since it is not so everywhere. */
export const dropsPrivileges = runsAsRoot && existsSync(SETPRIV);

export interface RunOptions { env: Record<string, string>; cwd: string; asUser?: boolean; timeoutMs?: number }

function command(cmd: string, args: string[], asUser: boolean): [string, string[]] {
  return asUser && dropsPrivileges
    ? [SETPRIV, [`--reuid=${UNPRIVILEGED}`, `--regid=${UNPRIVILEGED}`, '--clear-groups', '--', cmd, ...args]]
    : [cmd, args];
}

export function run(cmd: string, args: string[], opts: RunOptions): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = start(cmd, args, opts);
  const timer = setTimeout(() => p.child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
  return p.exited.then((code) => {
    clearTimeout(timer);
    return { code, stdout: p.stdout(), stderr: p.stderr() };
  });
}

export interface Started {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  exited: Promise<number | null>;
  /** Resolves with the first match of `line` on stdout; rejects on exit or after `ms`. */
  waitFor(line: RegExp, ms: number): Promise<RegExpExecArray>;
  /** SIGTERM, then the exit code (SIGKILL after `ms`). */
  stop(ms?: number): Promise<number | null>;
}

export function start(cmd: string, args: string[], opts: RunOptions): Started {
  const [file, argv] = command(cmd, args, opts.asUser ?? false);
  const child = spawn(file, argv, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => { out += d; });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { err += d; });
  const exited = new Promise<number | null>((resolve) => {
    child.on('error', (e) => { err += `${e.message}\n`; resolve(null); });
    child.on('exit', (code) => resolve(code));
  });
  let done = false;
  void exited.then(() => { done = true; });
  return {
    child, exited, stdout: () => out, stderr: () => err,
    waitFor: (line, ms) => new Promise((resolve, reject) => {
      const deadline = Date.now() + ms;
      const poll = setInterval(() => {
        const m = line.exec(out);
        if (m) {
          clearInterval(poll);
          resolve(m);
        } else if (done || Date.now() > deadline) {
          clearInterval(poll);
          reject(new Error(`${[cmd, ...args].join(' ')}: ${done ? 'exited' : `no ${line} within ${ms} ms`}\n${out}\n${err}`));
        }
      }, 50);
    }),
    async stop(ms = 30_000) {
      if (done) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), ms);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
