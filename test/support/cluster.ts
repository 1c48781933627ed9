// Several robotcall processes on one fresh PostgreSQL database (docs/decisions.md D14): one serve
// for the API, any number of workers, each a real child process, stopped and the database dropped
// at the end.
import pg from 'pg';
import { admin } from './admin.js';
import { client, data, type Caller } from './clients.js';
import { robotcall, robotcallProcess, type CliProcess } from './process.js';
import { TEST_KEY, freshDatabase } from './test-server.js';

export const KEY_ENV = { ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret };

export class Cluster {
  readonly processes: CliProcess[] = [];
  port = 0;
  call!: Caller;
  db!: pg.Client;

  private constructor(readonly url: string, private readonly drop: () => Promise<void>) {}

  static async create(): Promise<Cluster> {
    const fresh = await freshDatabase();
    const c = new Cluster(fresh.url, fresh.drop);
    await c.reconnect();
    return c;
  }

  /** A new direct connection (after a test cut them all); a cut one reports its error here, not as a crash. */
  async reconnect(): Promise<void> {
    await this.db?.end().catch(() => {});
    this.db = new pg.Client({ connectionString: this.url });
    this.db.on('error', () => {});
    await this.db.connect();
  }

  /** Starts `robotcall serve` on the cluster's database; the API of the last one started is the one `call` reaches. */
  async serve(args: string[]): Promise<CliProcess> {
    const p = robotcall(['serve', '--port', '0', '--database-url', this.url, ...args], KEY_ENV);
    this.processes.push(p);
    this.port = Number(new URL(await p.ready()).port);
    this.call = client('openapi-v3', { port: this.port, ...TEST_KEY });
    return p;
  }

  async worker(args: string[]): Promise<CliProcess> {
    const p = robotcallProcess(['worker', '--database-url', this.url, ...args], KEY_ENV, /(robotcall worker ready)/);
    this.processes.push(p);
    await p.ready();
    return p;
  }

  async ok(action: string, params: Record<string, string | number | boolean>): Promise<Record<string, unknown>> {
    const r = await this.call(action, params);
    if (r.body.Code !== 'OK') throw new Error(`${action}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  async task(numbers: string[], params: Record<string, string | number | boolean> = {}): Promise<number> {
    const id = Number((await this.ok('CreateRobotTask', {
      TaskName: 'scale-out', DialogId: 1000000075003, Caller: '057156860006,057156860008', CorpName: '测试公司',
      NumberStatusIdent: false, RetryType: 0, ...params,
    })).Data);
    await this.ok('UploadRobotTaskCalledFile', { Id: id, CalledNumber: numbers.join(',') });
    return id;
  }

  async status(id: number): Promise<string> {
    return data<{ status: string }>(await this.call('QueryRobotTaskDetail', { Id: id })).status;
  }

  /** Polls until the task is FINISH; the wall ms it took. */
  async finished(id: number, timeoutMs: number): Promise<number> {
    const t0 = performance.now();
    for (;;) {
      const status = await this.status(id);
      if (status === 'FINISH') return performance.now() - t0;
      if (performance.now() - t0 > timeoutMs) throw new Error(`task ${id} is ${status} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  admin(method: string, route: string, body?: unknown) {
    return admin(this.port, method, route, body);
  }

  /** Attempts committed and not answered yet: they live on their callees until their call rows are written (docs/decisions.md D14). */
  async inFlight(taskId: number): Promise<number> {
    const rows = await this.db.query("select count(*)::int as n from callees where task_id = $1 and state = 'dialing' and lease_until is not null", [taskId]);
    return rows.rows[0].n;
  }

  /** Every call record, as the database holds it (start and end on the engine clock, and which process dialed). */
  async calls(taskId?: number): Promise<Array<{ id: number; task_id: number; callee_seq: number; attempt: number; code: string | null;
    started_at: number; ended_at: number | null; owner: string }>> {
    const rows = await this.db.query(
      `select id::float8 as id, task_id::float8 as task_id, callee_seq, attempt, code, started_at::float8 as started_at, ended_at::float8 as ended_at, owner
       from calls ${taskId === undefined ? '' : 'where task_id = $1'} order by started_at, id`, taskId === undefined ? [] : [taskId]);
    return rows.rows;
  }

  async close(): Promise<void> {
    for (const p of this.processes) if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
    await Promise.all(this.processes.map((p) => p.exited()));
    await this.db.end();
    await this.drop();
  }
}

/** Most calls in progress at any instant ([start, end) intervals). */
export function maxOverlap(calls: ReadonlyArray<{ started_at: number; ended_at: number | null }>): number {
  const edges = calls.flatMap((c) => [[c.started_at, 1], [c.ended_at ?? Infinity, -1]] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let now = 0;
  let most = 0;
  for (const [, d] of edges) most = Math.max(most, (now += d));
  return most;
}
