// A task's configuration (robot, callers, redial policy, schedule, counts) and its status timeline.
import { codeMeaning } from '../codes';
import { formatTime, listOf } from '../format';
import { fmtInt, t } from '../i18n';
import { href } from '../router';
import { StatusBadge } from '../StatusBadge';
import type { TaskDetail, TaskView } from '../types';

export function TaskConfig({ task }: { task: TaskView }) {
  const codes = listOf(task.recallStateCodes);
  const callers = listOf(task.caller);
  const redial = task.retryType === 1
    ? t('config.redialOn', { times: task.recallTimes, interval: task.recallInterval })
    : t('config.redialOff');
  return (
    <section class="card" aria-labelledby="config-title">
      <h2 id="config-title">{t('config.title')}</h2>
      <dl class="props">
        <dt>{t('config.robot')}</dt>
        <dd><a href={href.robot(task.robotId)}>{task.robotName}</a> <span class="muted">#{task.robotId}</span></dd>
        <dt>{t('config.callers')}</dt>
        <dd>{callers.length ? callers.map((c) => <span class="chip mono" key={c}>{c}</span>) : '—'}</dd>
        <dt>{t('config.corpName')}</dt>
        <dd>{task.corpName || '—'}</dd>
        <dt>{t('config.numberStatusIdent')}</dt>
        <dd>{task.numberStatusIdent ? t('common.yes') : t('common.no')}</dd>
        <dt>{t('config.redial')}</dt>
        <dd>
          {redial}
          {task.retryType === 1 && codes.length > 0 && (
            <ul class="inline-list">{codes.map((c) => <li key={c}><span class="mono">{c}</span> {codeMeaning(c)}</li>)}</ul>
          )}
        </dd>
        <dt>{t('config.schedule')}</dt>
        <dd>{task.scheduleType === 'ORDER' ? t('config.scheduledAt', { time: task.scheduleTimeText || formatTime(task.scheduleTime) }) : t('config.single')}</dd>
        <dt>{t('config.counts')}</dt>
        <dd>{t('config.countsValue', { finish: fmtInt(task.finishCount), total: fmtInt(task.totalCount) })}</dd>
        <dt>{t('config.created')}</dt>
        <dd>{task.createdTime || formatTime(task.createdAt)}</dd>
        <dt>{t('config.completed')}</dt>
        <dd>{task.completeTimeText || formatTime(task.completeTime)}</dd>
      </dl>
    </section>
  );
}

export function TaskTimeline({ timeline }: { timeline: TaskDetail['timeline'] }) {
  return (
    <section class="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timeline.title')}</h2>
      {timeline.length === 0
        ? <p class="empty">{t('timeline.empty')}</p>
        : (
          <ol class="timeline" data-testid="timeline">
            {timeline.map((entry, i) => (
              <li key={`${entry.at}-${i}`}>
                <StatusBadge status={entry.status} />
                <time class="muted">{entry.time || formatTime(entry.at)}</time>
              </li>
            ))}
          </ol>
        )}
    </section>
  );
}
