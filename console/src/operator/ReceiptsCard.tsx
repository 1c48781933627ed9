// Operator: an account's call-receipt receiver (README "Call receipts"): where its VoiceReport and
// task-status records go, what waits and what failed; set (its signing secret shown once), clear,
// and send failed batches again.
import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { formatTime } from '../format';
import { t } from '../i18n';
import type { AccountRow, ReceiptsView } from '../types';
import { usePolling, useResource } from '../use-resource';
import { admin } from './admin-api';

export function ReceiptsCard() {
  const accounts = useResource((signal) => admin<{ accounts: AccountRow[] }>('/accounts', { signal }), []);
  const [accountId, setAccountId] = useState<number | null>(null);
  const list = accounts.data?.accounts ?? [];
  useEffect(() => {
    if (accountId === null && list.length > 0) setAccountId(list[0]!.id);
  }, [list.length]);
  const receipts = useResource(
    (signal) => (accountId === null ? Promise.resolve(null) : admin<ReceiptsView>(`/accounts/${accountId}/receipts`, { signal })), [accountId]);
  const view = receipts.data;
  // Deliveries move on their own: the counts follow without a reload.
  usePolling(() => receipts.reload(false), 2000, accountId !== null);
  const [url, setUrl] = useState('');
  const [statusUrl, setStatusUrl] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  // What the operator typed wins over what the server holds: the first read of an account (or a poll)
  // can arrive after typing began, and must not empty the fields under their fingers.
  const [edited, setEdited] = useState(false);
  useEffect(() => {
    if (edited) return;
    setUrl(view?.url ?? '');
    setStatusUrl(view?.taskStatusUrl ?? '');
  }, [view?.url, view?.taskStatusUrl, accountId, edited]);

  const run = async (method: string, path: string, body: unknown, done: string, after?: (answer: Record<string, unknown>) => void) => {
    setBusy(true);
    setMessage(null);
    try {
      const answer = await admin<Record<string, unknown>>(`/accounts/${accountId}/receipts${path}`, { method, body });
      after?.(answer);
      setEdited(false);
      setMessage({ ok: true, text: done });
      receipts.reload(true);
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };
  const save = (e: Event) => {
    e.preventDefault();
    void run('PUT', '', { url: url.trim(), taskStatusUrl: statusUrl.trim() || null }, t('receipts.saved'), (a) => setSecret(String(a.secret)));
  };

  return (
    <section class="card" aria-labelledby="receipts-title" aria-busy={busy}>
      <h2 id="receipts-title">{t('receipts.title')}</h2>
      {accounts.error && <p class="error" role="alert">{accounts.error.message}</p>}
      <label class="field">
        <span>{t('keys.account')}</span>
        <select data-testid="receipts-account" value={accountId ?? ''} onChange={(e) => { setSecret(null); setMessage(null); setEdited(false); setAccountId(Number(e.currentTarget.value)); }}>
          {list.map((a) => <option key={a.id} value={a.id}>{a.name} #{a.id}</option>)}
        </select>
      </label>
      {receipts.error && <p class="error" role="alert">{receipts.error.message}</p>}
      <form class="stack" onSubmit={save}>
        <label class="field">
          <span>{t('receipts.url')}</span>
          <input data-testid="receipts-url" type="url" required maxLength={2048} placeholder="https://receiver.example.com/voice-report" value={url}
            onInput={(e) => { setEdited(true); setUrl(e.currentTarget.value); }} />
        </label>
        <label class="field">
          <span>{t('receipts.statusUrl')}</span>
          <input data-testid="receipts-status-url" type="url" maxLength={2048} value={statusUrl} aria-describedby="receipts-status-hint"
            onInput={(e) => { setEdited(true); setStatusUrl(e.currentTarget.value); }} />
        </label>
        <p class="hint" id="receipts-status-hint">{t('receipts.statusHint')}</p>
        <div class="actions">
          <button type="submit" class="btn btn-primary" data-testid="receipts-save" disabled={busy || accountId === null}>{t('receipts.save')}</button>
          {view?.url && <button type="button" class="btn" data-testid="receipts-clear" disabled={busy}
            onClick={() => { setSecret(null); void run('DELETE', '', {}, t('receipts.cleared')); }}>{t('receipts.clear')}</button>}
          {view && view.failedBatches > 0 && <button type="button" class="btn" data-testid="receipts-retry" disabled={busy}
            onClick={() => void run('POST', '/retry', {}, t('receipts.retried'))}>{t('receipts.retry')}</button>}
        </div>
      </form>
      {secret && (
        <div class="callout" role="status" data-testid="receipts-secret">
          <p><strong>{t('receipts.secretOnce')}</strong></p>
          <p class="mono">{secret}</p>
          <button type="button" class="btn" onClick={() => setSecret(null)}>{t('keys.dismiss')}</button>
        </div>
      )}
      {message && <p class={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid="receipts-message">{message.text}</p>}
      {view && (
        <dl class="props" data-testid="receipts-summary">
          <dt>{t('receipts.delivered')}</dt><dd data-testid="receipts-delivered">{view.delivered}</dd>
          <dt>{t('receipts.queued')}</dt><dd>{view.queued}</dd>
          <dt>{t('receipts.failed')}</dt><dd>{view.failedBatches}</dd>
          {view.lastError && <><dt>{t('receipts.lastError')}</dt><dd class="error">{view.lastError}</dd></>}
          {view.nextAttemptAt !== null && <><dt>{t('receipts.nextAttempt')}</dt><dd>{formatTime(view.nextAttemptAt)}</dd></>}
        </dl>
      )}
    </section>
  );
}
