// The processes of a chaos run: real `robotcall` CLI processes (test/support/process.ts), each
// SIGKILLed and restarted with the same arguments. A process that exits without being killed, or a
// start that fails, is an incident the run reports: the layout must survive any kill.
import { nodeProcess, type CliProcess } from '../../test/support/process.js';

export interface Role {
  name: string;
  args: string[];
  /** The ready line; the first group is the URL for a role that serves the API. */
  ready: RegExp;
  api: boolean;
}

export const SERVE: Role = { name: 'serve', args: ['serve', '--port', '0'], ready: /robotcall ready on (http:\/\/\S+)/, api: true };
export const WORKER: Role = { name: 'worker', args: ['worker'], ready: /(robotcall worker ready)/, api: false };

/**
 * The engine-only process of the PostgreSQL layout (issue 8, item 3). `= SERVE` runs extra serve
 * processes instead (each runs the engine too): the layout before `robotcall worker` existed.
 */
export const ENGINE_ONLY: Role = WORKER;

export class Member {
  proc: CliProcess | null = null;
  port: number | null = null;
  up = false;
  starts = 0;
  /** Set while we kill it, so its exit is not taken for a crash. */
  killing = false;
  /** The latest start: resolves true once ready, false if that process exited first. */
  starting: Promise<boolean> = Promise.resolve(false);

  constructor(readonly name: string, readonly role: Role) {}
}

export class Cluster {
  readonly members: Member[];
  readonly incidents: string[] = [];
  kills = 0;

  constructor(roles: Array<[string, Role]>, private readonly args: string[], private readonly env: Record<string, string>) {
    this.members = roles.map(([name, role]) => new Member(name, role));
  }

  /** Starts a member; resolves once it is ready (false if it exited first: an incident unless killed). */
  start(m: Member): Promise<boolean> {
    m.starting = this.spawn(m);
    return m.starting;
  }

  private async spawn(m: Member): Promise<boolean> {
    const proc = nodeProcess(['src/cli/bin.ts', ...m.role.args, ...this.args], this.env, m.role.ready);
    m.proc = proc;
    m.up = false;
    m.killing = false;
    m.starts++;
    void proc.exited().then((code) => {
      if (m.proc !== proc) return;
      m.up = false;
      if (!m.killing) this.incidents.push(`${m.name} exited on its own (code ${code}): ${tail(proc.stderr() || proc.stdout())}`);
    });
    try {
      const url = await proc.ready();
      if (m.proc !== proc) return false;
      m.port = m.role.api ? Number(new URL(url).port) : null;
      m.up = true;
      return true;
    } catch {
      return false; // the exit handler recorded it, unless we killed it while it started
    }
  }

  /** SIGKILL, as a crash or an OOM killer would; resolves once the process is gone. */
  async kill(m: Member): Promise<void> {
    if (!m.proc) return;
    m.killing = true;
    m.up = false;
    this.kills++;
    m.proc.child.kill('SIGKILL');
    await m.proc.exited();
  }

  /** Every member running, restarting any that is down (up to 3 tries each). */
  async ensureUp(): Promise<void> {
    await Promise.all(this.members.map(async (m) => {
      await m.starting;
      for (let i = 0; i < 3 && !m.up; i++) await this.start(m);
    }));
  }

  /** The port of a running member that serves the API, if any. */
  apiPort(): number | null {
    return this.members.find((m) => m.role.api && m.up)?.port ?? null;
  }

  get restarts(): number {
    return this.members.reduce((sum, m) => sum + Math.max(0, m.starts - 1), 0);
  }

  /** SIGTERM to all (graceful), SIGKILL to any still running after 30 s. */
  async stop(): Promise<void> {
    await Promise.all(this.members.map(async (m) => {
      const p = m.proc;
      if (!p || p.child.exitCode !== null || p.child.signalCode !== null) return;
      m.killing = true;
      p.child.kill('SIGTERM');
      const timer = setTimeout(() => p.child.kill('SIGKILL'), 30_000);
      await p.exited();
      clearTimeout(timer);
    }));
  }
}

const tail = (text: string) => text.trim().split('\n').slice(-3).join(' | ').slice(0, 500);
