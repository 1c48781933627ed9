// QueryRobotTaskList: the account's tasks newest first, filtered and paged (docs/api/QueryRobotTaskList.md, D3).
import { defineAction } from '../action.js';
import { invalid } from '../errors.js';
import { INT32_MAX, MAX_TASK_NAME } from '../../domain/limits.js';
import { integer, oneOf, optional, text } from '../param-schema.js';
import { taskListRow } from '../task-view.js';
import { listTasks } from '../../app/task-queries.js';
import { FIRST_DATE_YEAR } from '../../domain/time-range.js';
import { TASK_STATUSES } from '../../domain/types.js';
import { localDay } from '../../domain/zoned-time.js';

export default defineAction({
  params: {
    // A substring of a task name is no longer than a name.
    TaskName: optional(text(MAX_TASK_NAME)),
    Status: optional(oneOf(TASK_STATUSES)),
    Time: optional(text('yyyy-MM-dd'.length)),
    PageNo: optional(integer(1, INT32_MAX)),
    PageSize: optional(integer(1, 100)),
  },
  async handle(p, ctx) {
    let createdFrom: number | undefined;
    let createdTo: number | undefined;
    if (p.Time !== undefined) {
      const day = localDay(p.Time, ctx.timezone);
      if (day === null || Number(p.Time.slice(0, 4)) < FIRST_DATE_YEAR) {
        throw invalid('Time', `Time must be a date, yyyy-MM-dd, from ${FIRST_DATE_YEAR}-01-01 to 9999-12-31.`);
      }
      ({ from: createdFrom, to: createdTo } = day);
    }
    const pageNo = p.PageNo ?? 1;
    const pageSize = p.PageSize ?? 10;
    const { tasks, total } = await listTasks(
      ctx,
      { nameContains: p.TaskName, status: p.Status, createdFrom, createdTo },
      { offset: (pageNo - 1) * pageSize, limit: pageSize });
    return {
      PageNo: String(pageNo),
      PageSize: String(pageSize),
      TotalCount: String(total),
      Data: JSON.stringify(tasks.map((t) => taskListRow(t, ctx.timezone))),
    };
  },
});
