// The operator view (#/operator): sign in with the admin token, then health, clock, accounts, keys, receipts and the carrier.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { LangSwitch } from '../LangSwitch';
import { href } from '../router';
import { AccountsCard } from './AccountsCard';
import { admin, getAdminToken, onAdminUnauthorized, setAdminToken } from './admin-api';
import { setTimezone } from '../format';
import type { ClockView } from '../types';
import { CarrierCard } from './CarrierCard';
import { ClockCard } from './ClockCard';
import { HealthCard } from './HealthCard';
import { KeysCard } from './KeysCard';
import { OperatorSignIn } from './OperatorSignIn';
import { ReceiptsCard } from './ReceiptsCard';

export function OperatorApp() {
  const [signedIn, setSignedIn] = useState(() => getAdminToken() !== null);
  const [notice, setNotice] = useState<string | null>(null);
  // The server's zone, before any time is shown: accounts and keys came out in the browser's zone
  // or the server's, by which request answered first.
  const [zoneKnown, setZoneKnown] = useState(false);
  useEffect(() => {
    if (!signedIn || zoneKnown) return;
    admin<ClockView>('/clock').then((c) => setTimezone(c.timezone), () => undefined).finally(() => setZoneKnown(true));
  }, [signedIn, zoneKnown]);

  useEffect(() => {
    onAdminUnauthorized(() => {
      setAdminToken(null);
      setNotice(t('operator.tokenRefused'));
      setSignedIn(false);
    });
  }, []);
  useEffect(() => {
    document.title = `${t('operator.title')} · robotcall`;
    requestAnimationFrame(() => document.querySelector<HTMLElement>(signedIn ? 'main h1' : '#admin-token')?.focus());
  }, [signedIn]);

  if (!signedIn) return <OperatorSignIn notice={notice} onSignedIn={() => { setNotice(null); setSignedIn(true); }} />;
  return (
    <>
      <header class="topbar">
        <span class="brand">robotcall <span>{t('operator.title')}</span></span>
        <div class="topbar-menu open">
          <nav class="nav" aria-label={t('nav.label')}>
            <a class="nav-link" href={href.tasks()}>{t('operator.toAccount')}</a>
          </nav>
        </div>
        <div class="topbar-actions">
          <LangSwitch />
          <button type="button" class="btn btn-ghost" data-testid="operator-sign-out" onClick={() => {
            setAdminToken(null);
            setSignedIn(false);
          }}>{t('nav.signOut')}</button>
        </div>
      </header>
      <main id="main" tabIndex={-1} class="main">
        <section class="page">
          <h1 tabIndex={-1}>{t('operator.title')}</h1>
          <div class="grid-2">
            <HealthCard />
            <ClockCard />
          </div>
          {zoneKnown && <AccountsCard />}
          {zoneKnown && <KeysCard />}
          {zoneKnown && <ReceiptsCard />}
          <CarrierCard />
        </section>
      </main>
    </>
  );
}
