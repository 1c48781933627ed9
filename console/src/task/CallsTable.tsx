// A task's calls: filters (code, hangup side, number), 20 a page by offset with hasMore; a row opens the call's transcript.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api';
import { codeMeaning } from '../codes';
import { formatDuration, formatTime } from '../format';
import { t } from '../i18n';
import { Pager } from '../Pager';
import type { CallRow, TaskStats } from '../types';
import { useResource } from '../use-resource';
import { CallDetailDialog } from './CallDetail';

const PAGE = 20;

interface Props {
  taskId: number;
  outcomes: TaskStats['outcomes'];
  /** Changes whenever the task was polled: the current page is refreshed, not reset. */
  version: number;
  /** Called once the first page has come (or failed). */
  onLoaded?: () => void;
}

export function CallsTable({ taskId, outcomes, version, onLoaded }: Props) {
  const [filters, setFilters] = useState({ code: '', hangup: '', called: '', offset: 0 });
  const [calledText, setCalledText] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const firstVersion = useRef(version);

  useEffect(() => {
    if (calledText === filters.called) return;
    const timer = setTimeout(() => setFilters((f) => ({ ...f, called: calledText, offset: 0 })), 300);
    return () => clearTimeout(timer);
  }, [calledText]);

  const calls = useResource((signal) => api<{ calls: CallRow[]; hasMore: boolean }>(`/tasks/${taskId}/calls`, {
    query: { offset: filters.offset, limit: PAGE, code: filters.code, hangup: filters.hangup, called: filters.called.trim() }, signal,
  }), [taskId, filters.code, filters.hangup, filters.called, filters.offset]);

  useEffect(() => {
    if (version !== firstVersion.current) calls.reload(false);
  }, [version]);
  useEffect(() => {
    if (!calls.loading) onLoaded?.();
  }, [calls.loading]);

  const set = (patch: Partial<typeof filters>) => setFilters((f) => ({ ...f, offset: 0, ...patch }));
  const data = calls.data;
  return (
    <section class="card" aria-labelledby="calls-title">
      <h2 id="calls-title">{t('calls.title')}</h2>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label class="field">
          <span>{t('calls.code')}</span>
          <select data-testid="calls-code" value={filters.code} onChange={(e) => set({ code: e.currentTarget.value })}>
            <option value="">{t('calls.allCodes')}</option>
            {outcomes.map((o) => <option key={o.code} value={o.code}>{o.code} {codeMeaning(o.code, o.meaning)}</option>)}
          </select>
        </label>
        <label class="field">
          <span>{t('calls.hangup')}</span>
          <select data-testid="calls-hangup" value={filters.hangup} onChange={(e) => set({ hangup: e.currentTarget.value })}>
            <option value="">{t('calls.anySide')}</option>
            <option value="user">{t('calls.byUser')}</option>
            <option value="robot">{t('calls.byRobot')}</option>
          </select>
        </label>
        <label class="field">
          <span>{t('calls.called')}</span>
          <input type="search" data-testid="calls-called" inputMode="tel" placeholder={t('calls.calledHint')} value={calledText} onInput={(e) => setCalledText(e.currentTarget.value)} />
        </label>
      </form>
      {calls.error && <p class="error" role="alert">{calls.error.message}</p>}
      {!data && !calls.error && <p class="muted" role="status">{t('common.loading')}</p>}
      {data && data.calls.length === 0 && <p class="empty">{t('calls.none')}</p>}
      {data && data.calls.length > 0 && (
        <div class="table-wrap">
          <table class="table table-rows">
            <caption class="sr-only">{t('calls.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('calls.callee')}</th>
                <th scope="col" class="num">{t('calls.attempt')}</th>
                <th scope="col">{t('calls.result')}</th>
                <th scope="col">{t('calls.start')}</th>
                <th scope="col" class="num">{t('calls.duration')}</th>
                <th scope="col" class="num">{t('calls.rounds')}</th>
                <th scope="col">{t('calls.hangup')}</th>
                <th scope="col">{t('calls.labels')}</th>
              </tr>
            </thead>
            <tbody>
              {data.calls.map((c) => (
                <tr key={c.id} data-testid="call-row" data-callee={c.callee} class="clickable" onClick={() => setOpen(c.callee)}>
                  <th scope="row"><button type="button" class="link-button mono" aria-haspopup="dialog">{c.callee}</button></th>
                  <td class="num">{c.attempt}</td>
                  <td><span class={`code code-${c.code === '200000' ? 'ok' : 'other'}`}>{c.code}</span> {codeMeaning(c.code, c.meaning)}</td>
                  <td class="nowrap">{formatTime(c.startTime)}</td>
                  <td class="num">{formatDuration(c.durationS)}</td>
                  <td class="num">{c.rounds}</td>
                  <td>{c.hangup === 'user' ? t('calls.byUser') : c.hangup === 'robot' ? t('calls.byRobot') : '—'}</td>
                  <td>{c.labels.length ? c.labels.map((l) => <span class="chip" key={l}>{l}</span>) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data && (
        <Pager offset={filters.offset} shown={data.calls.length} hasMore={data.hasMore} pageSize={PAGE}
          onPage={(offset) => setFilters((f) => ({ ...f, offset }))} prevId="calls-prev" nextId="calls-next" />
      )}
      {open !== null && <CallDetailDialog taskId={taskId} callee={open} onClose={() => setOpen(null)} />}
    </section>
  );
}
