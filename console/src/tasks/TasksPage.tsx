// The task list (#/tasks): filters, 20 a page, polled every 1.5 s while the tab is visible without losing filters or page.
import { useContext, useEffect, useState } from 'preact/hooks';
import { api } from '../api';
import { statusLabel } from '../codes';
import { t } from '../i18n';
import { OverviewContext } from '../overview';
import { Pager } from '../Pager';
import { href } from '../router';
import { TASK_STATUSES, type TaskView } from '../types';
import { usePolling, useResource } from '../use-resource';
import { TaskTable } from './TaskTable';

const PAGE = 20;
const POLL_MS = 1500;

interface Filters { name: string; status: string; date: string; offset: number }
/** Kept for the visit: back from a task's page, the list is where the reader left it. */
let remembered: Filters = { name: '', status: '', date: '', offset: 0 };

export function TasksPage() {
  const [filters, setFilters] = useState<Filters>(remembered);
  const [nameText, setNameText] = useState(remembered.name);
  const { refresh } = useContext(OverviewContext);
  remembered = filters;

  // Typing a name filters once the typing pauses, not on every key.
  useEffect(() => {
    if (nameText === filters.name) return;
    const timer = setTimeout(() => setFilters((f) => ({ ...f, name: nameText, offset: 0 })), 300);
    return () => clearTimeout(timer);
  }, [nameText]);

  const list = useResource((signal) => api<{ total: number; tasks: TaskView[] }>('/tasks', {
    query: { name: filters.name.trim(), status: filters.status, date: filters.date, offset: filters.offset, limit: PAGE }, signal,
  }), [filters.name, filters.status, filters.date, filters.offset]);

  usePolling(() => {
    list.reload(false);
    refresh();
  }, POLL_MS, true);

  // A page emptied by deletions elsewhere: show the last page that has rows.
  const data = list.data;
  useEffect(() => {
    if (data && data.tasks.length === 0 && filters.offset > 0 && data.total <= filters.offset) {
      setFilters((f) => ({ ...f, offset: Math.max(0, Math.floor((data.total - 1) / PAGE) * PAGE) }));
    }
  }, [data]);

  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, offset: 0, ...patch }));
  const filtered = filters.name !== '' || filters.status !== '' || filters.date !== '';
  return (
    <section class="page">
      <div class="page-head">
        <h1 tabIndex={-1}>{t('tasks.title')}</h1>
        <a class="btn btn-primary" href={href.newTask()}>+ {t('nav.newTask')}</a>
      </div>
      <form class="card filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label class="field">
          <span>{t('tasks.filterName')}</span>
          <input type="search" data-testid="filter-name" value={nameText} onInput={(e) => setNameText(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('tasks.filterStatus')}</span>
          <select data-testid="filter-status" value={filters.status} onChange={(e) => set({ status: e.currentTarget.value })}>
            <option value="">{t('tasks.allStatuses')}</option>
            {TASK_STATUSES.map((s) => <option key={s} value={s}>{statusLabel(s)} {s}</option>)}
          </select>
        </label>
        <label class="field">
          <span>{t('tasks.filterDate')}</span>
          <input type="date" data-testid="filter-date" value={filters.date} onChange={(e) => set({ date: e.currentTarget.value })} />
        </label>
        {filtered && (
          <button type="button" class="btn btn-ghost" onClick={() => {
            setNameText('');
            set({ name: '', status: '', date: '' });
          }}>{t('tasks.clearFilters')}</button>
        )}
      </form>
      <div class="card">
        {list.error && <p class="error" role="alert">{list.error.message}</p>}
        {!data && !list.error && <p class="muted" role="status">{t('common.loading')}</p>}
        {data && <TaskTable tasks={data.tasks} empty={filtered ? t('tasks.noMatch') : t('tasks.none')} />}
        {data && (
          <Pager offset={filters.offset} shown={data.tasks.length} total={data.total} pageSize={PAGE}
            hasMore={filters.offset + data.tasks.length < data.total}
            onPage={(offset) => setFilters((f) => ({ ...f, offset }))} prevId="page-prev" nextId="page-next" />
        )}
      </div>
    </section>
  );
}
