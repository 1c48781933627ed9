// The account sign-in screen: AccessKeyId and secret, proved with an HMAC so the secret never leaves the page.
import { useRef, useState } from 'preact/hooks';
import { api, ApiError } from './api';
import { t } from './i18n';
import type { MessageKey } from './messages';
import { LangSwitch } from './LangSwitch';
import { href } from './router';
import { canSign, signIn } from './signin-crypto';
import type { Session } from './types';

/** `ended`: a session in use was refused (signed out elsewhere, the key disabled, 12 hours past). */
export function SignIn({ onSignedIn, ended = false }: { onSignedIn: (session: Session) => void; ended?: boolean }) {
  const [keyId, setKeyId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const secretRef = useRef<HTMLInputElement>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    const secretInput = secretRef.current!;
    const id = keyId.trim();
    if (!id || !secretInput.value) {
      setError(t('signin.missing'));
      return;
    }
    if (!canSign()) {
      setError(t('signin.insecure'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const proof = await signIn(id, secretInput.value);
      // The secret is not needed any more: do not leave it in the page.
      secretInput.value = '';
      const session = await api<Session>('/session', { method: 'POST', body: proof, own401: true });
      onSignedIn(session);
    } catch (err) {
      secretInput.value = '';
      setError(describe(err));
      secretInput.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="auth-page">
      <div class="auth-lang"><LangSwitch /></div>
      <form class="card auth-card" onSubmit={submit} noValidate>
        <h1 class="auth-title">robotcall <span>{t('app.console')}</span></h1>
        <p class="muted">{t('signin.intro')}</p>
        <label class="field">
          <span>AccessKeyId</span>
          <input id="access-key-id" name="accessKeyId" autoComplete="username" spellcheck={false} required value={keyId}
            onInput={(e) => setKeyId(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>AccessKeySecret</span>
          <input id="access-key-secret" name="accessKeySecret" type="password" autoComplete="current-password" required ref={secretRef} />
        </label>
        <p class="hint">{t('signin.secretNote')}</p>
        {ended && !error && <p class="notice" role="status" data-testid="session-ended">{t('signin.ended')}</p>}
        {error && <p class="error" role="alert" data-testid="sign-in-error">{error}</p>}
        <button type="submit" class="btn btn-primary btn-block" data-testid="sign-in" disabled={busy}>
          {busy ? t('signin.busy') : t('signin.submit')}
        </button>
        <p class="auth-alt"><a href={href.operator()} data-testid="operator-link">{t('signin.operator')}</a></p>
      </form>
    </div>
  );
}

const WORDED: Record<string, MessageKey> = {
  SignatureDoesNotMatch: 'signin.wrong', 'InvalidAccessKeyId.NotFound': 'signin.wrong', 'InvalidAccessKeyId.Inactive': 'signin.disabled',
  'InvalidTimeStamp.Expired': 'signin.clock',
};

function describe(err: unknown): string {
  if (err instanceof ApiError && err.status === 429) {
    const ms = err.retryAfterMs ?? 60_000;
    const at = new Date(Date.now() + ms).toLocaleTimeString();
    return t('signin.throttled', { s: Math.ceil(ms / 1000), at });
  }
  // The common refusals in the reader's language; anything else in the server's words.
  if (err instanceof ApiError && WORDED[err.code]) return `${t(WORDED[err.code]!)} (${err.code})`;
  if (err instanceof ApiError) return `${err.message}${err.code && !err.code.startsWith('HTTP') ? ` (${err.code})` : ''}`;
  return t('signin.failed');
}
