// The rows of the task list: name (link), status badge, progress bar finish/total, robot and creation time.
import { t } from '../i18n';
import { ProgressBar } from '../ProgressBar';
import { href } from '../router';
import { StatusBadge } from '../StatusBadge';
import type { TaskView } from '../types';

export function TaskTable({ tasks, empty }: { tasks: TaskView[]; empty: string }) {
  if (tasks.length === 0) return <p class="empty">{empty}</p>;
  return (
    <div class="table-wrap">
      <table class="table table-tasks">
        <caption class="sr-only">{t('tasks.title')}</caption>
        <thead>
          <tr>
            <th scope="col">ID</th>
            <th scope="col">{t('tasks.colName')}</th>
            <th scope="col">{t('tasks.colStatus')}</th>
            <th scope="col">{t('tasks.colProgress')}</th>
            <th scope="col">{t('tasks.colRobot')}</th>
            <th scope="col">{t('tasks.colCreated')}</th>
          </tr>
        </thead>
        <tbody>
          {tasks.map((task) => (
            <tr key={task.id} data-testid="task-row" data-task-id={task.id}>
              <td class="cell-id">#{task.id}</td>
              <th scope="row" class="cell-name"><a href={href.task(task.id)}>{task.name}</a></th>
              <td class="cell-status"><StatusBadge status={task.status} testid="task-status" /></td>
              <td class="cell-progress">
                <ProgressBar value={task.finishCount} max={task.totalCount} label={t('tasks.colProgress')}
                  text={`${task.finishCount}/${task.totalCount}`} />
              </td>
              <td class="cell-robot">{task.robotName}</td>
              <td class="nowrap cell-created">{task.createdTime}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
