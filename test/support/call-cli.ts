// The fixture of the `robotcall call` tests: a server with one task made by pop-core, a temporary HOME
// (where an aliyun CLI config file may be written), and the CLI run as a child process against them.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { client } from './clients.js';
import { CALLERS, ROBOT } from './engine.js';
import { runCli } from './process.js';
import { startTestServer, TEST_KEY, type TestServer } from './test-server.js';

/** No key in the environment unless given: the test's own shell may hold one. */
export const NO_KEY = {
  ROBOTCALL_ACCESS_KEY_ID: '', ROBOTCALL_ACCESS_KEY_SECRET: '', ALIBABA_CLOUD_ACCESS_KEY_ID: '', ALIBABA_CLOUD_ACCESS_KEY_SECRET: '',
  ALIBABA_CLOUD_PROFILE: '', ALIBABACLOUD_PROFILE: '', ALICLOUD_PROFILE: '',
};
export const KEY_ENV = { ...NO_KEY, ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret };

export interface CallCliFixture {
  /** Set once the file's `before` has run. */
  s: TestServer;
  home: string;
  taskId: string;
  /** `robotcall call ARGS --endpoint <the server>`, its stdout parsed as JSON when there is any. */
  cli(args: string[], env?: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string; body: Record<string, unknown> | null }>;
}

/** Registers the file's `before` and `after`. */
export function callCliFixture(): CallCliFixture {
  const f = {
    async cli(args: string[], env: Record<string, string> = KEY_ENV) {
      const r = await runCli(['call', ...args, '--endpoint', `http://127.0.0.1:${f.s.port}`], { HOME: f.home, ...env });
      return { ...r, body: r.stdout.trim() ? JSON.parse(r.stdout) as Record<string, unknown> : null };
    },
  } as CallCliFixture;
  before(async () => {
    f.s = await startTestServer();
    f.home = mkdtempSync(path.join(os.tmpdir(), 'robotcall-home-'));
    const created = await client('pop-post', f.s)('CreateRobotTask', {
      TaskName: '回访 (a*b) 任务!', DialogId: ROBOT, Caller: CALLERS, CorpName: "某某科技 it's", NumberStatusIdent: false, RetryType: 0,
    });
    f.taskId = created.body.Data as string;
  });
  after(async () => {
    await f.s.close();
    rmSync(f.home, { recursive: true, force: true });
  });
  return f;
}
