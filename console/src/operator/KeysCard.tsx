// Operator: access keys (no secrets), a new key for an account (its secret shown once), disable and enable.
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { t } from '../i18n';
import { formatTime } from '../format';
import type { IssuedKey, KeyRow } from '../types';
import { useResource } from '../use-resource';
import { admin } from './admin-api';

export function KeysCard() {
  const keys = useResource((signal) => admin<{ keys: KeyRow[] }>('/keys', { signal }), []);
  const [account, setAccount] = useState('');
  const [issued, setIssued] = useState<IssuedKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const call = async (path: string, body: unknown) => {
    setBusy(true);
    setError(null);
    try {
      const result = await admin<unknown>(path, { method: 'POST', body });
      keys.reload(true);
      return result;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      return null;
    } finally {
      setBusy(false);
    }
  };

  const create = async (e: Event) => {
    e.preventDefault();
    const name = account.trim();
    const key = await call('/keys', name ? { account: name } : {});
    if (key) {
      setIssued(key as IssuedKey);
      setAccount('');
    }
  };

  return (
    <section class="card" aria-labelledby="keys-title" aria-busy={busy}>
      <h2 id="keys-title">{t('keys.title')}</h2>
      <form class="inline-form" onSubmit={create}>
        <label class="field">
          <span>{t('keys.account')}</span>
          <input data-testid="key-account" value={account} maxLength={64} aria-describedby="key-account-hint" onInput={(e) => setAccount(e.currentTarget.value)} />
        </label>
        <button type="submit" class="btn btn-primary" data-testid="key-create" disabled={busy}>{t('keys.create')}</button>
      </form>
      <p class="hint" id="key-account-hint">{t('keys.accountHint')}</p>
      {issued && (
        <div class="callout" role="status" data-testid="key-secret">
          <p><strong>{t('keys.once')}</strong></p>
          <dl class="props">
            <dt>AccountId</dt><dd>{issued.AccountId}</dd>
            <dt>AccessKeyId</dt><dd class="mono" data-testid="new-key-id">{issued.AccessKeyId}</dd>
            <dt>AccessKeySecret</dt><dd class="mono" data-testid="new-key-secret">{issued.AccessKeySecret}</dd>
          </dl>
          <button type="button" class="btn" onClick={() => setIssued(null)}>{t('keys.dismiss')}</button>
        </div>
      )}
      {error && <p class="error" role="alert" data-testid="keys-error">{error}</p>}
      {keys.error && <p class="error" role="alert">{keys.error.message}</p>}
      {keys.data && (
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">{t('keys.title')}</caption>
            <thead><tr><th scope="col">AccessKeyId</th><th scope="col">{t('keys.account')}</th><th scope="col">{t('keys.state')}</th><th scope="col">{t('accounts.created')}</th><th scope="col">{t('keys.action')}</th></tr></thead>
            <tbody>
              {keys.data.keys.map((k) => (
                <tr key={k.AccessKeyId} data-testid="key-row" data-key-id={k.AccessKeyId}>
                  <th scope="row" class="mono">{k.AccessKeyId}</th>
                  <td>{k.AccountName ?? ''} <span class="muted">#{k.AccountId}</span></td>
                  <td><span class={`badge ${k.Active ? 'badge-final-ok' : 'badge-final-cancel'}`}>{k.Active ? t('keys.active') : t('keys.disabled')}</span></td>
                  <td class="nowrap">{formatTime(k.CreatedAt)}</td>
                  <td>
                    {k.Active
                      ? <button type="button" class="btn" data-testid="key-disable" disabled={busy} onClick={() => call(`/keys/${encodeURIComponent(k.AccessKeyId)}/disable`, {})}>{t('keys.disable')}</button>
                      : <button type="button" class="btn" data-testid="key-enable" disabled={busy} onClick={() => call(`/keys/${encodeURIComponent(k.AccessKeyId)}/enable`, {})}>{t('keys.enable')}</button>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
