import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestServer, type TestServer } from './support/test-server.js';

const example = fileURLToPath(new URL('../examples/first-task.cjs', import.meta.url));
let s: TestServer;
before(async () => { s = await startTestServer(); });
after(() => s.close());

test("the README's first task runs as printed, through both official clients", async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  assert.ok(readme.includes(readFileSync(example, 'utf8').trim()), 'README shows examples/first-task.cjs as it is');
  const { stdout } = await promisify(execFile)(process.execPath, [example], {
    env: { ...process.env, ROBOTCALL_ACCESS_KEY_ID: s.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: s.accessKeySecret, ROBOTCALL_HOSTPORT: `127.0.0.1:${s.port}` },
  });
  assert.match(stdout, /^task \d+ 回访任务0601: (READY|DISPATCH|EXCUTING|FINISH)\n$/);
});
