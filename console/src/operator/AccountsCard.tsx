// Operator: accounts with their balances (yuan, or unlimited) and a top-up per account.
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { formatTime, formatYuan } from '../format';
import { t } from '../i18n';
import type { AccountRow } from '../types';
import { useResource } from '../use-resource';
import { admin } from './admin-api';

export function AccountsCard() {
  const accounts = useResource((signal) => admin<{ accounts: AccountRow[] }>('/accounts', { signal }), []);
  const [error, setError] = useState<string | null>(null);
  const list = accounts.data?.accounts;
  return (
    <section class="card" aria-labelledby="accounts-title">
      <h2 id="accounts-title">{t('accounts.title')}</h2>
      {accounts.error && <p class="error" role="alert">{accounts.error.message}</p>}
      {error && <p class="error" role="alert" data-testid="accounts-error">{error}</p>}
      {list && (
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">{t('accounts.title')}</caption>
            <thead><tr><th scope="col">ID</th><th scope="col">{t('accounts.name')}</th><th scope="col" class="num">{t('top.balance')}</th><th scope="col">{t('accounts.created')}</th><th scope="col">{t('accounts.topUp')}</th></tr></thead>
            <tbody>
              {list.map((a) => <AccountLine key={a.id} account={a} onError={setError} onChanged={() => accounts.reload(true)} />)}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function AccountLine({ account, onError, onChanged }: { account: AccountRow; onError: (e: string | null) => void; onChanged: () => void }) {
  const [yuan, setYuan] = useState('');
  const [busy, setBusy] = useState(false);
  const topUp = async (e: Event) => {
    e.preventDefault();
    // Fen are whole: 12.345 yuan is not an amount anyone can pay.
    const fen = Math.round(Number(yuan) * 100);
    if (!(fen >= 1) || !/^\d+(\.\d{1,2})?$/.test(yuan.trim())) return onError(t('accounts.badAmount'));
    setBusy(true);
    onError(null);
    try {
      await admin(`/accounts/${account.id}/balance`, { method: 'POST', body: { topUpFen: fen } });
      setYuan('');
      onChanged();
    } catch (err) {
      onError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr data-testid="account-row" data-account-id={account.id}>
      <td class="num">{account.id}</td>
      <th scope="row">{account.name}</th>
      <td class="num" data-testid="account-balance">{formatYuan(account.balanceFen)}</td>
      <td class="nowrap">{formatTime(account.createdAt)}</td>
      <td>
        <form class="inline-form compact" onSubmit={topUp}>
          <label class="sr-only" for={`topup-${account.id}`}>{t('accounts.amount', { name: account.name })}</label>
          <input id={`topup-${account.id}`} data-testid="topup-amount" inputMode="decimal" placeholder="¥" size={8} value={yuan}
            onInput={(e) => setYuan(e.currentTarget.value)} />
          <button type="submit" class="btn" data-testid="topup" disabled={busy}>{t('accounts.topUp')}</button>
        </form>
      </td>
    </tr>
  );
}
