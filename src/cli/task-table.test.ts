import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fitWidth, taskTable } from './task-table.js';
import { progressBar } from './progress-bar.js';

test('a task line shows its status, a bar of finishCount/totalCount and the counts, the name last', () => {
  const lines = taskTable([
    { id: 1045001, taskName: '回访任务', status: 'EXCUTING', createTime: '2026.12.01 08:28:16', totalCount: 10, finishCount: 4 },
    { id: 7, taskName: 'empty', status: 'INIT', createTime: '2026.12.01 08:28:17', totalCount: 0, finishCount: 0 },
  ]);
  assert.equal(lines[0], 'ID       STATUS    PROGRESS                        CREATED              NAME');
  assert.equal(lines[1], '1045001  EXCUTING  ████████░░░░░░░░░░░░  40% 4/10  2026.12.01 08:28:16  回访任务');
  assert.equal(lines[2], '7        INIT      ░░░░░░░░░░░░░░░░░░░░   0%  0/0  2026.12.01 08:28:17  empty');
  assert.deepEqual(taskTable([]), ['no tasks']);
});

test('the bar says 100% only when everything is done, and never runs past its width', () => {
  assert.equal(progressBar(299_999, 300_000, 10), '█████████░  99%');
  assert.equal(progressBar(300_000, 300_000, 10), '██████████ 100%');
  assert.equal(progressBar(12, 10, 4), '████ 100%');
});

test('a line is cut to the terminal width counting CJK characters as two cells', () => {
  assert.equal(fitWidth('ab回访任务', 5), 'ab回');
  assert.equal(fitWidth('abc', 10), 'abc');
});
