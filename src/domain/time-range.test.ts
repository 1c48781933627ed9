import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTime } from './zoned-time.js';
import { LATEST_ENGINE_TIME, LATEST_QUERY_TIME, SCHEDULE_HORIZON_MS, scheduleProblem } from './time-range.js';

const now = Date.UTC(2024, 5, 1);

test('a ScheduleTime must be after now and at most 366 days ahead', () => {
  assert.equal(scheduleProblem(now, now), 'not after now');
  assert.equal(scheduleProblem(now + 1, now), null);
  assert.equal(scheduleProblem(now + SCHEDULE_HORIZON_MS, now), null);
  assert.equal(scheduleProblem(now + SCHEDULE_HORIZON_MS + 1, now), 'too far ahead');
  assert.equal(scheduleProblem(9007199254740991, now), 'too far ahead');
});

test('the latest engine time and a schedule a horizon later render in the zones furthest apart', () => {
  for (const zone of ['Pacific/Kiritimati', 'Etc/GMT+12', 'Asia/Shanghai']) {
    for (const at of [LATEST_ENGINE_TIME, LATEST_ENGINE_TIME + SCHEDULE_HORIZON_MS + 86_400_000]) {
      assert.match(formatTime(at, zone), /^9\d{3}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, `${at} in ${zone}`);
    }
  }
  assert.equal(new Date(LATEST_QUERY_TIME).toISOString(), '9999-12-31T23:59:59.999Z');
});
