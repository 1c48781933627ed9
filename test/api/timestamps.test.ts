import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { rawCall, send } from '../support/raw-request.js';
import { signV3 } from '../support/raw-v3.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

let s: TestServer;
before(async () => { s = await startTestServer({ flags: { engine: 'off' } }); });
after(async () => { await s.close(); });

const NOT_ON_THE_CALENDAR = ['2026-02-30T00:00:00Z', '2025-02-29T12:00:00Z', '2026-04-31T00:00:00Z', '2026-12-01T24:00:00Z',
  '2026-12-01T23:60:00Z', '2026-12-01T23:59:60Z', '2026-00-10T00:00:00Z', '2026-12-00T00:00:00Z'];

test('a Timestamp that is not a calendar date and time is InvalidTimeStamp.Format, not Expired (v1)', async () => {
  for (const timestamp of NOT_ON_THE_CALENDAR) {
    const r = await rawCall(s.port, 'QueryRobotTaskList', {}, { ...s, secret: s.accessKeySecret, timestamp });
    assert.deepEqual([r.status, r.json().Code], [400, 'InvalidTimeStamp.Format'], timestamp);
  }
  const leapDay = await rawCall(s.port, 'QueryRobotTaskList', {}, { ...s, secret: s.accessKeySecret, timestamp: '2024-02-29T00:00:00Z' });
  assert.equal(leapDay.json().Code, 'InvalidTimeStamp.Expired', 'a real leap day is well formed, just old');
});

test('an x-acs-date that is not a calendar date and time is InvalidTimeStamp.Format (V3)', async () => {
  for (const date of NOT_ON_THE_CALENDAR) {
    const r = await send(s.port, signV3('QueryRobotTaskList', {}, { ...s, secret: s.accessKeySecret, date }));
    assert.deepEqual([r.status, r.json().Code], [400, 'InvalidTimeStamp.Format'], date);
  }
  const now = await send(s.port, signV3('QueryRobotTaskList', {}, { ...s, secret: s.accessKeySecret }));
  assert.equal(now.status, 200, now.text);
});
