// Runs the real `robotcall` CLI in a child process and reads its output: the tree `npm test` compiled
// from this checkout's source just before (scripts/run-tests.mjs), or the source through tsx when a test
// file is run on its own. A start through tsx cost twice the CPU, and the suites start hundreds.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface CliProcess {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves with the ready line's URL, or rejects if the process exits first. */
  ready(): Promise<string>;
  exited(): Promise<number | null>;
}

/** How the CLI is started: the compiled entry once run-tests.mjs built it, else the source. */
const cliEntry = () => (process.env.ROBOTCALL_TEST_CLI === 'dist' ? ['dist/cli/bin.js'] : ['--import', 'tsx', 'src/cli/bin.ts']);

export function robotcall(args: string[], env: Record<string, string> = {}): CliProcess {
  return robotcallProcess(args, env, /robotcall ready on (http:\/\/\S+)/);
}

/** The CLI with any arguments; `ready` captures what its ready line prints. */
export function robotcallProcess(args: string[], env: Record<string, string>, readyLine: RegExp): CliProcess {
  return spawnNode([...cliEntry(), ...args], env, readyLine);
}

/** Any of the repository's scripts, run through tsx; `ready` captures the URL its ready line prints. */
export function nodeProcess(args: string[], env: Record<string, string>, readyLine: RegExp): CliProcess {
  return spawnNode(['--import', 'tsx', ...args], env, readyLine);
}

function spawnNode(nodeArgs: string[], env: Record<string, string>, readyLine: RegExp): CliProcess {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: ROOT, env: { ...process.env, ROBOTCALL_LOG_LEVEL: 'warn', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => { out += d; });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => { err += d; });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    exited: () => exit,
    ready: () => new Promise((resolve, reject) => {
      const check = () => {
        const m = readyLine.exec(out);
        if (m) {
          clearInterval(timer);
          resolve(m[1]!);
        }
      };
      const timer = setInterval(check, 25);
      void exit.then((code) => {
        clearInterval(timer);
        reject(new Error(`${nodeArgs.join(' ')} exited (${code}) before it was ready:\n${out}\n${err}`));
      });
    }),
  };
}

/** Runs a command to completion. */
export async function runCli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const p = robotcall(args, env);
  const code = await p.exited();
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

/**
 * `robotcall serve` on a store (`--data-dir D` or `--database-url U`) with the test key, for CLI
 * tests that need a running server; `cleanups` gets its SIGTERM. Resolves with its port.
 */
export async function serveWithTestKey(storeArgs: string[], cleanups: Array<() => Promise<void> | void>): Promise<number> {
  const { TEST_KEY } = await import('./test-server.js');
  const server = robotcall(['serve', '--port', '0', ...storeArgs], {
    ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret,
  });
  cleanups.push(async () => { server.child.kill('SIGTERM'); await server.exited(); });
  return Number(new URL(await server.ready()).port);
}
