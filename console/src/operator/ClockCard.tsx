// Operator: the engine clock (mode, rate, time), its speed, moving it forward, and the reset to seed state.
import { useEffect, useState } from 'preact/hooks';
import { setTimezone } from '../format';
import { ApiError } from '../api';
import { t } from '../i18n';
import { Modal } from '../Modal';
import type { ClockView } from '../types';
import { usePolling, useResource } from '../use-resource';
import { admin } from './admin-api';

export function ClockCard() {
  const clock = useResource((signal) => admin<ClockView>('/clock', { signal }), []);
  // The operator's other times (accounts, keys) are shown in the server's zone too.
  useEffect(() => setTimezone(clock.data?.timezone), [clock.data?.timezone]);
  usePolling(() => clock.reload(false), 2000, true);
  const [speed, setSpeed] = useState('');
  const [minutes, setMinutes] = useState('60');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [resetClock, setResetClock] = useState(false);

  const run = async (path: string, body: unknown, done: string) => {
    setBusy(true);
    setMessage(null);
    try {
      await admin(path, { method: 'POST', body });
      setMessage({ ok: true, text: done });
      clock.reload(true);
    } catch (err) {
      setMessage({ ok: false, text: err instanceof ApiError ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  };

  const c = clock.data;
  return (
    <section class="card" aria-labelledby="clock-title" aria-busy={busy}>
      <h2 id="clock-title">{t('clock.title')}</h2>
      {clock.error && <p class="error" role="alert">{clock.error.message}</p>}
      {c && (
        <dl class="props">
          <dt>{t('clock.time')}</dt><dd data-testid="clock-time"><strong>{c.time}</strong> <span class="muted">{c.timezone}</span></dd>
          <dt>{t('clock.mode')}</dt><dd data-testid="clock-mode">{c.mode}{c.mode === 'scaled' ? ` × ${c.rate}` : ''}</dd>
          <dt>{t('clock.engine')}</dt><dd>{c.engine}</dd>
        </dl>
      )}
      <form class="inline-form" onSubmit={(e) => {
        e.preventDefault();
        if (speed.trim()) void run('/clock/speed', { clock: speed.trim() }, t('clock.speedSet', { clock: speed.trim() }));
      }}>
        <label class="field">
          <span>{t('clock.speed')}</span>
          <input data-testid="clock-speed" placeholder="system | manual | scaled:60" value={speed} list="clock-speeds" onInput={(e) => setSpeed(e.currentTarget.value)} />
          <datalist id="clock-speeds"><option value="system" /><option value="manual" /><option value="scaled:60" /><option value="scaled:3600" /></datalist>
        </label>
        <button type="submit" class="btn" data-testid="clock-speed-apply" disabled={busy}>{t('clock.apply')}</button>
      </form>
      <p class="hint">{t('clock.speedHint')}</p>
      <form class="inline-form" onSubmit={(e) => {
        e.preventDefault();
        const n = Number(minutes);
        if (!(n > 0)) return setMessage({ ok: false, text: t('clock.badMinutes') });
        void run('/clock/advance', { ms: Math.round(n * 60_000) }, t('clock.advanced', { n }));
      }}>
        <label class="field">
          <span>{t('clock.advance')}</span>
          <input type="number" min={1} step="any" data-testid="clock-advance" value={minutes} onInput={(e) => setMinutes(e.currentTarget.value)} />
        </label>
        <button type="submit" class="btn" data-testid="clock-advance-apply" disabled={busy}>{t('clock.advanceApply')}</button>
      </form>
      <p><button type="button" class="btn btn-danger" data-testid="reset" disabled={busy} onClick={() => setConfirming(true)}>{t('clock.reset')}</button></p>
      {busy && <p class="muted" role="status">{t('common.working')}</p>}
      {message && <p class={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'} data-testid="clock-message">{message.text}</p>}
      {confirming && (
        <Modal title={t('clock.resetTitle')} onClose={() => setConfirming(false)}>
          <p>{t('clock.resetText')}</p>
          <label class="choice"><input type="checkbox" checked={resetClock} onChange={(e) => setResetClock(e.currentTarget.checked)} /> {t('clock.resetClock')}</label>
          <div class="modal-actions">
            <button type="button" class="btn" autoFocus onClick={() => setConfirming(false)}>{t('common.back')}</button>
            <button type="button" class="btn btn-danger" data-testid="confirm-action" onClick={() => {
              setConfirming(false);
              void run('/reset', resetClock ? { clock: true } : {}, t('clock.resetDone'));
            }}>{t('clock.reset')}</button>
          </div>
        </Modal>
      )}
    </section>
  );
}
