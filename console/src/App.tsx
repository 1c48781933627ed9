// The app root: picks the operator view or the account console, and for the latter the sign-in screen or the signed-in shell.
import { useEffect, useState } from 'preact/hooks';
import { api, onUnauthorized } from './api';
import { t, useLang } from './i18n';
import { OperatorApp } from './operator/OperatorApp';
import { useRoute, type Route } from './router';
import { Shell } from './Shell';
import { SignIn } from './SignIn';
import type { Session } from './types';

export function App() {
  // Every string is looked up at render: re-rendering from the root is the whole language switch.
  useLang();
  const route = useRoute();
  if (route.name === 'operator') return <OperatorApp />;
  return <AccountApp route={route} />;
}

function AccountApp({ route }: { route: Route }) {
  // undefined: not known yet (checking the cookie); null: signed out.
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [ended, setEnded] = useState(false);

  useEffect(() => {
    onUnauthorized(() => {
      setEnded(true);
      setSession(null);
    });
    api<Session>('/session', { own401: true }).then(setSession, () => setSession(null));
  }, []);

  if (session === undefined) return <p class="splash" role="status">{t('common.loading')}</p>;
  if (session === null) return <SignIn ended={ended} onSignedIn={(s) => { setEnded(false); setSession(s); }} />;
  return <Shell session={session} route={route} onSignedOut={() => setSession(null)} />;
}
