import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDate, formatJavaDate, formatTime, localDay, parseLocalDate, parseLocalTime } from './zoned-time.js';

const instant = Date.UTC(2019, 5, 14, 3, 4, 19); // 2019-06-14 11:04:19 in Shanghai

test('times render in the zone, dashed for details and dotted for lists', () => {
  assert.equal(formatTime(instant, 'Asia/Shanghai'), '2019-06-14 11:04:19');
  assert.equal(formatTime(instant, 'Asia/Shanghai', '.'), '2019.06.14 11:04:19');
  assert.equal(formatTime(instant, 'UTC'), '2019-06-14 03:04:19');
  assert.equal(formatTime(null, 'Asia/Shanghai'), '');
  assert.equal(formatDate(Date.UTC(2019, 5, 13, 16, 0, 0), 'Asia/Shanghai'), '2019-06-14');
});

test('parsing is the inverse of rendering, and rejects impossible times', () => {
  assert.equal(parseLocalTime('2019-06-14 11:04:19', 'Asia/Shanghai'), instant);
  assert.equal(parseLocalDate('2019-06-14', 'Asia/Shanghai'), Date.UTC(2019, 5, 13, 16, 0, 0));
  for (const bad of ['2019-02-30 00:00:00', '2019-06-14 24:00:00', '2019-06-14T11:04:19', '2019/06/14 11:04:19']) {
    assert.equal(parseLocalTime(bad, 'Asia/Shanghai'), null, bad);
  }
});

test('a zone with daylight saving keeps local times exact on both sides of the change', () => {
  const summer = parseLocalTime('2024-07-01 12:00:00', 'America/New_York')!;
  const winter = parseLocalTime('2024-01-01 12:00:00', 'America/New_York')!;
  assert.equal(summer, Date.UTC(2024, 6, 1, 16));
  assert.equal(winter, Date.UTC(2024, 0, 1, 17));
  assert.equal(formatTime(summer, 'America/New_York'), '2024-07-01 12:00:00');
});

test('robot times render as Java Date.toString, CST for China', () => {
  assert.equal(formatJavaDate(Date.UTC(2019, 2, 21, 4, 0, 51), 'Asia/Shanghai'), 'Thu Mar 21 12:00:51 CST 2019');
});

test('years below 100 are those years, not 19xx (Date.UTC maps 0-99 to 1900-1999)', () => {
  assert.equal(parseLocalTime('0050-03-01 00:00:00', 'UTC'), new Date('0050-03-01T00:00:00Z').getTime());
  assert.equal(parseLocalDate('0099-12-31', 'UTC'), new Date('0099-12-31T00:00:00Z').getTime());
  assert.equal(parseLocalDate('0004-02-29', 'UTC'), new Date('0004-02-29T00:00:00Z').getTime(), 'year 4 is a leap year');
  assert.equal(parseLocalDate('0004-02-30', 'UTC'), null);
});

test("a local date's day is [its midnight, the next date's midnight), whole across daylight saving and the year 9999", () => {
  assert.deepEqual(localDay('2024-03-10', 'America/New_York'), { from: Date.UTC(2024, 2, 10, 5), to: Date.UTC(2024, 2, 11, 4) });
  assert.deepEqual(localDay('9999-12-31', 'Asia/Shanghai'), { from: Date.UTC(9999, 11, 30, 16), to: Date.UTC(9999, 11, 31, 16) });
  assert.equal(localDay('2024-02-30', 'UTC'), null);
});
