// The chaos campaign: a big task whose numbers force redials (README "Simulated carrier": `13800` +
// code is that code on every attempt, `139` + NN + code that code on the first NN attempts, then
// answered) among ordinary numbers drawn from the seeded distribution, and a smaller second task of
// the same account, so the account limit is shared by two tasks. Both made through the official client.
import { client, data, type Caller } from '../../test/support/clients.js';
import { TEST_KEY } from '../../test/support/test-server.js';
import type { RedialPolicy } from './facts.js';

/** Final codes a carrier can end a call with (README "Magic numbers apply only when …"). */
const FINAL_CODES = ['200000', '200001', '200002', '200003', '200004', '200005', '200006', '200007', '200008', '200010', '200011',
  '200012', '200104', '200105', '200111', '200112', '200113', '200116', '200117', '200118', '200119', '200120', '200121', '200130'];
/** Every code RecallStateCodes accepts (docs/api/CreateRobotTask.md). */
const REDIALABLE = ['200002', '200003', '200005', '200010', '200011', '200012'];

export interface TaskPlan {
  name: string;
  numbers: string[];
  policy: RedialPolicy;
}

export function campaign(callees: number): TaskPlan[] {
  const main: string[] = FINAL_CODES.map((c) => `13800${c}`);
  // About an eighth of the task is 139-numbers: each NN from 0 up, with every final code.
  const nnMax = Math.min(100, Math.max(4, Math.floor(callees / 8 / FINAL_CODES.length)));
  for (let nn = 0; nn < nnMax; nn++) for (const c of FINAL_CODES) main.push(`139${String(nn).padStart(2, '0')}${c}`);
  for (let i = 0; main.length < callees; i++) main.push(`137${String(i).padStart(8, '0')}`);
  const side = Array.from({ length: Math.max(100, Math.floor(callees / 4)) }, (_, i) => `136${String(i).padStart(8, '0')}`);
  return [
    { name: 'chaos main', numbers: main, policy: { recallTimes: 2, recallCodes: REDIALABLE, recallIntervalMin: 2 } },
    { name: 'chaos side', numbers: side, policy: { recallTimes: 1, recallCodes: ['200002', '200003'], recallIntervalMin: 2 } },
  ];
}

/** Signed calls through pop-core (v1) to whichever serve currently answers. */
export class Api {
  private port = 0;
  private caller: Caller | null = null;

  constructor(private readonly portOf: () => number | null) {}

  async call(action: string, params: Record<string, string | number | boolean>): Promise<Record<string, unknown>> {
    const port = this.portOf();
    if (port === null) throw new Error('no serve process is up');
    if (port !== this.port || !this.caller) {
      this.caller = client('pop-post', { port, ...TEST_KEY });
      this.port = port;
    }
    const reply = await this.caller(action, params);
    if (reply.body.Code !== 'OK') throw new Error(`${action}: ${JSON.stringify(reply.body)}`);
    return reply.body;
  }

  async data<T>(action: string, params: Record<string, string | number | boolean>): Promise<T> {
    return data<T>({ status: 200, body: await this.call(action, params) });
  }

  currentPort(): number {
    const port = this.portOf();
    if (port === null) throw new Error('no serve process is up');
    return port;
  }
}

/** Creates, fills and starts each task; resolves with their ids. */
export async function startCampaign(api: Api, plans: TaskPlan[]): Promise<number[]> {
  const ids: number[] = [];
  for (const plan of plans) {
    const id = Number((await api.call('CreateRobotTask', {
      TaskName: plan.name, DialogId: 1000000075003, Caller: '057156860006,057156860008', CorpName: '混沌测试', NumberStatusIdent: false,
      RetryType: 1, RecallStateCodes: plan.policy.recallCodes.join(','), RecallTimes: plan.policy.recallTimes,
      RecallInterval: plan.policy.recallIntervalMin,
    })).Data);
    // At most 100,000 numbers per upload (README "Limits"): uploads of 10,000 keep each request small.
    for (let i = 0; i < plan.numbers.length; i += 10_000) {
      await api.call('UploadRobotTaskCalledFile', { Id: id, CalledNumber: plan.numbers.slice(i, i + 10_000).join(',') });
    }
    ids.push(id);
  }
  for (const id of ids) await api.call('StartRobotTask', { TaskId: id });
  return ids;
}
