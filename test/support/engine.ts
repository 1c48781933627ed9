// Drives robotcall's engine from tests: a server on a manual clock, tasks made through an official
// client, the clock advanced through the admin API, calls read from the admin task internals.
import assert from 'node:assert/strict';
import type { ConfigFlags } from '../../src/config.js';
import type { StartOptions } from '../../src/main.js';
import { parseLocalTime } from '../../src/domain/zoned-time.js';
import { admin } from './admin.js';
import { client, data, type Caller } from './clients.js';
import { startTestServer, type TestServer } from './test-server.js';

export const ZONE = 'Asia/Shanghai';
export const ROBOT = 1000000075003;
export const CALLERS = '057156860006,057156860008';

export interface EngineCall {
  callId: number; callee: string; dialed: string; attempt: number; caller: string; code: string; earlyMediaCode: string | null;
  startedAt: number; answeredAt: number | null; endedAt: number; durationS: number; costFen: number;
  rounds: number; labels: string[]; hangup: string | null; transfer: string | null;
  transcript: Array<{ role: string; content: string; atMs: number }>;
}

export class EngineHarness {
  readonly call: Caller;

  constructor(readonly s: TestServer) {
    this.call = client('openapi-v3', s);
  }

  static async start(flags: ConfigFlags = {}, start?: StartOptions): Promise<EngineHarness> {
    return new EngineHarness(await startTestServer({ flags: { clock: 'manual', carrierTiming: 'realistic', ...flags }, start }));
  }

  close(): Promise<void> {
    return this.s.close();
  }

  async now(): Promise<number> {
    const r = await admin(this.s.port, 'GET', 'clock');
    return r.json.now as number;
  }

  /** Advances the engine clock by `ms` and waits for the engine to catch up. */
  async advance(ms: number): Promise<number> {
    const r = await admin(this.s.port, 'POST', 'clock/advance', { ms });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json.now as number;
  }

  async advanceTo(to: number): Promise<number> {
    const r = await admin(this.s.port, 'POST', 'clock/advance', { to });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json.now as number;
  }

  /** The next engine time, after now, at which the local clock reads `hhmm` (HH:MM). */
  async nextLocal(hhmm: string): Promise<number> {
    const now = await this.now();
    for (let day = 0; day < 3; day++) {
      const date = new Date(now + 8 * 3_600_000 + day * 86_400_000).toISOString().slice(0, 10);
      const t = parseLocalTime(`${date} ${hhmm}:00`, ZONE)!;
      if (t > now) return t;
    }
    throw new Error('unreachable');
  }

  async ok(action: string, params: Record<string, string | number | boolean>): Promise<Record<string, unknown>> {
    const r = await this.call(action, params);
    assert.equal(r.body.Code, 'OK', `${action}: ${JSON.stringify(r.body)}`);
    return r.body;
  }

  /** Creates a task, uploads the numbers and (unless start is false) starts it. */
  async task(numbers: string[], opts: Record<string, string | number | boolean> & { start?: boolean } = {}): Promise<number> {
    const { start = true, ...params } = opts;
    const id = Number((await this.ok('CreateRobotTask', {
      TaskName: 'engine test', DialogId: ROBOT, Caller: CALLERS, CorpName: '测试公司', NumberStatusIdent: false, RetryType: 0, ...params,
    })).Data);
    await this.ok('UploadRobotTaskCalledFile', { Id: id, CalledNumber: numbers.join(',') });
    if (start) await this.ok('StartRobotTask', { TaskId: id });
    return id;
  }

  async detail(id: number): Promise<{ status: string; fireTime: string; completeTime: string; scheduleType: string }> {
    return data(await this.call('QueryRobotTaskDetail', { Id: id }));
  }

  async status(id: number): Promise<string> {
    return (await this.detail(id)).status;
  }

  /** Polls (wall clock) until the task is FINISH; fails the test after `ms`. For engines whose calls take real time. */
  async untilFinished(id: number, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if ((await this.status(id)) === 'FINISH') return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.fail(`task ${id} is ${await this.status(id)} after ${ms} ms`);
  }

  async listRow(id: number): Promise<{ totalCount: number; finishCount: number; status: string }> {
    const rows = data<Array<{ id: number; totalCount: number; finishCount: number; status: string }>>(await this.call('QueryRobotTaskList', { PageSize: 100 }));
    const row = rows.find((r) => r.id === id);
    assert.ok(row, `task ${id} is listed`);
    return row;
  }

  /** Every ended attempt of the task, in start order. */
  async calls(id: number): Promise<EngineCall[]> {
    const r = await admin(this.s.port, 'GET', `tasks/${id}/calls?limit=10000`);
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json.calls as EngineCall[];
  }

  async callees(id: number, state?: string): Promise<Array<{ number: string; state: string; attempts: number; dueAt: number | null }>> {
    const r = await admin(this.s.port, 'GET', `tasks/${id}/callees?limit=10000${state ? `&state=${state}` : ''}`);
    return r.json.callees as Array<{ number: string; state: string; attempts: number; dueAt: number | null }>;
  }

  admin(method: string, route: string, body?: unknown) {
    return admin(this.s.port, method, route, body);
  }
}

/** Attempts per callee, in order. */
export function byCallee(calls: EngineCall[]): Map<string, EngineCall[]> {
  const map = new Map<string, EngineCall[]>();
  for (const c of calls) map.set(c.callee, [...(map.get(c.callee) ?? []), c]);
  for (const list of map.values()) list.sort((a, b) => a.attempt - b.attempt);
  return map;
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
