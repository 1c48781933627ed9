// The operator sign-in: the admin token (empty for a loopback server without one), checked against GET /_robotcall/clock.
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { t } from '../i18n';
import { LangSwitch } from '../LangSwitch';
import { href } from '../router';
import { admin, setAdminToken } from './admin-api';

export function OperatorSignIn({ onSignedIn, notice }: { onSignedIn: () => void; notice: string | null }) {
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | null>(notice);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const value = token.trim();
    setBusy(true);
    setError(null);
    try {
      // Without a token there is nothing to check: the server decides on each call whether it needs one.
      if (value) await admin('/clock', { token: value });
      setAdminToken(value);
      setToken('');
      onSignedIn();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('operator.badToken') : err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="auth-page">
      <div class="auth-lang"><LangSwitch /></div>
      <form class="card auth-card" onSubmit={submit}>
        <h1 class="auth-title">robotcall <span>{t('operator.title')}</span></h1>
        <p class="muted">{t('operator.intro')}</p>
        <label class="field">
          <span>{t('operator.token')}</span>
          <input id="admin-token" type="password" autoComplete="off" value={token} onInput={(e) => setToken(e.currentTarget.value)} />
          <span class="hint">{t('operator.tokenHint')}</span>
        </label>
        {error && <p class="error" role="alert" data-testid="operator-sign-in-error">{error}</p>}
        <button type="submit" class="btn btn-primary btn-block" data-testid="operator-sign-in" disabled={busy}>{t('operator.signIn')}</button>
        <p class="auth-alt"><a href={href.tasks()}>{t('operator.toAccount')}</a></p>
      </form>
    </div>
  );
}
