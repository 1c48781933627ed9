// Where `robotcall call` (a child process) takes its key from: flags, the environment, or a profile of
// the aliyun CLI's own config file, in the documented order (README "CLI: API commands").
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { callCliFixture, NO_KEY } from '../support/call-cli.js';
import { TEST_KEY } from '../support/test-server.js';

const fx = callCliFixture();

test('credentials come from an AK profile of the aliyun CLI config; other modes and unknown profiles are refused', async () => {
  mkdirSync(path.join(fx.home, '.aliyun'), { recursive: true });
  writeFileSync(path.join(fx.home, '.aliyun', 'config.json'), JSON.stringify({
    current: 'dev', meta_path: '',
    profiles: [
      { name: 'default', mode: 'AK', access_key_id: 'LTAIsomeoneelse', access_key_secret: 'x', region_id: 'cn-hangzhou' },
      { name: 'dev', mode: 'AK', access_key_id: TEST_KEY.accessKeyId, access_key_secret: TEST_KEY.accessKeySecret, region_id: 'cn-hangzhou', output_format: 'json', language: 'en' },
      { name: 'sts', mode: 'StsToken', access_key_id: 'a', access_key_secret: 'b', sts_token: 'c', region_id: 'cn-hangzhou' },
    ],
  }));
  const current = await fx.cli(['QueryRobotTaskDetail', '--Id', fx.taskId], NO_KEY);
  assert.equal(current.code, 0, current.stderr);
  assert.equal(JSON.parse(current.body!.Data as string).id, Number(fx.taskId), 'the file\'s current profile signed it');

  const byEnv = await fx.cli(['QueryRobotTaskDetail', '--Id', fx.taskId], { ...NO_KEY, ALIBABA_CLOUD_PROFILE: 'default' });
  assert.equal(byEnv.body!.Code, 'InvalidAccessKeyId.NotFound', 'ALIBABA_CLOUD_PROFILE picks the profile, as in the aliyun CLI');
  const named = await fx.cli(['QueryRobotTaskDetail', '--Id', fx.taskId, '--profile', 'dev'], { ...NO_KEY, ALIBABA_CLOUD_PROFILE: 'default' });
  assert.equal(named.code, 0, '--profile wins over the variable');

  const sts = await fx.cli(['QueryRobotTaskDetail', '--Id', fx.taskId, '--profile', 'sts'], NO_KEY);
  assert.equal(sts.code, 1);
  assert.match(sts.stderr, /mode StsToken; robotcall reads AK profiles only/);
  const unknown = await fx.cli(['QueryRobotTaskDetail', '--Id', fx.taskId, '--profile', 'nosuch'], NO_KEY);
  assert.match(unknown.stderr, /no profile "nosuch" in .*config\.json \(it has default, dev, sts\)/);

  // The environment's key comes before the file's current profile.
  const envFirst = await fx.cli(['QueryRobotTaskDetail', '--Id', fx.taskId], { ...NO_KEY, ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIviaenv', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'x' });
  assert.equal(envFirst.body!.Code, 'InvalidAccessKeyId.NotFound');
  rmSync(path.join(fx.home, '.aliyun'), { recursive: true });
  const none = await fx.cli(['QueryRobotTaskDetail', '--Id', fx.taskId], NO_KEY);
  assert.equal(none.code, 1);
  assert.match(none.stderr, /no access key: give --access-key-id and --access-key-secret/);
});
