// A task's page (#/tasks/:id): configuration, timeline, actions, more numbers, charts and calls; polled while not final.
import { useContext, useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { CalleeUpload } from '../new-task/CalleeUpload';
import { OverviewContext } from '../overview';
import { href } from '../router';
import { StatusBadge } from '../StatusBadge';
import { FINAL_STATUSES, type TaskDetail, type TaskStats } from '../types';
import { usePolling, useResource } from '../use-resource';
import { CallsTable } from './CallsTable';
import { TaskActions } from './TaskActions';
import { TaskCharts } from './TaskCharts';
import { TaskConfig, TaskTimeline } from './TaskConfig';

const POLL_MS = 1500;
/** The server computes a running task's charts at most every 5 s: asking more often only repeats them. */
const STATS_POLL_MS = 5000;

export function TaskDetailPage({ id }: { id: number }) {
  const { refresh } = useContext(OverviewContext);
  const detail = useResource((signal) => api<TaskDetail>(`/tasks/${id}`, { signal }), [id]);
  // The charts are asked for once the first page of calls is in: on the embedded store one request
  // runs at a time, and a large task's charts (most of a second, the first time) held up the page.
  const [callsIn, setCallsIn] = useState(false);
  useEffect(() => setCallsIn(false), [id]);
  const stats = useResource((signal) => (callsIn ? api<TaskStats>(`/tasks/${id}/stats`, { signal }) : new Promise<TaskStats>(() => undefined)), [id, callsIn]);
  // Bumped on every fresh detail, so the calls list (on whatever page the reader is) follows the task.
  const [version, setVersion] = useState(0);
  const data = detail.data;
  const running = !!data && !FINAL_STATUSES.has(data.task.status);

  usePolling(() => {
    detail.reload(false);
    refresh();
  }, POLL_MS, running);
  usePolling(() => stats.reload(false), STATS_POLL_MS, running);
  // The charts as they end: the last poll of a running task may be seconds old.
  useEffect(() => {
    if (data && !running) stats.reload(false);
  }, [running]);
  useEffect(() => {
    if (data) setVersion((v) => v + 1);
  }, [data]);

  const changed = () => {
    detail.reload(true);
    stats.reload(true);
    refresh();
  };

  if (!data) {
    return (
      <section class="page">
        <p class="crumbs"><a href={href.tasks()}>‹ {t('nav.tasks')}</a></p>
        <h1 tabIndex={-1}>{t('task.title', { id })}</h1>
        {detail.error
          ? <p class="error" role="alert">{detail.error.status === 404 ? t('task.notFound') : detail.error.message}</p>
          : <p class="muted" role="status">{t('common.loading')}</p>}
      </section>
    );
  }

  const task = data.task;
  return (
    <section class="page">
      <p class="crumbs"><a href={href.tasks()}>‹ {t('nav.tasks')}</a></p>
      <div class="page-head">
        <h1 tabIndex={-1}>{task.name} <span class="muted id-tag">#{task.id}</span></h1>
        <StatusBadge status={task.status} testid="detail-status" />
      </div>
      {detail.error && <p class="error" role="alert">{t('task.refreshFailed', { message: detail.error.message })}</p>}
      <TaskActions task={task} onChanged={changed} />
      <div class="grid-2">
        <TaskConfig task={task} />
        <TaskTimeline timeline={data.timeline} />
      </div>
      {task.actions.upload.allowed && (
        <section class="card" aria-labelledby="upload-title">
          <h2 id="upload-title">{t('task.addNumbers')}</h2>
          <CalleeUpload mode="add" taskId={task.id} onDone={changed} />
        </section>
      )}
      <TaskCharts stats={stats.data} />
      <CallsTable taskId={task.id} outcomes={stats.data?.outcomes ?? []} version={version} onLoaded={() => setCallsIn(true)} />
    </section>
  );
}
