// Operator: the server's health (GET /_robotcall/health): status, store and the engine's state, refreshed every few seconds.
import { formatTime } from '../format';
import { t } from '../i18n';
import type { Health } from '../types';
import { usePolling, useResource } from '../use-resource';
import { admin } from './admin-api';

export function HealthCard() {
  const health = useResource((signal) => admin<Health>('/health', { signal }), []);
  usePolling(() => health.reload(false), 3000, true);
  const h = health.data;
  const ok = h?.status === 'ok';
  return (
    <section class="card" aria-labelledby="health-title" data-testid="health">
      <h2 id="health-title">{t('health.title')}</h2>
      {health.error && <p class="error" role="alert">{health.error.message}</p>}
      {h && (
        <dl class="props">
          <dt>{t('health.status')}</dt>
          <dd><span class={`badge ${ok ? 'badge-final-ok' : 'badge-stopped'}`} data-testid="health-status">{h.status}</span></dd>
          <dt>{t('health.store')}</dt><dd>{h.store}</dd>
          {h.version && <><dt>{t('health.version')}</dt><dd>{h.version}</dd></>}
          <dt>{t('health.engine')}</dt>
          <dd>
            <span data-testid="engine-state">{h.engine.state}</span>
            {h.engine.reason && <span class="muted"> — {h.engine.reason}</span>}
            {h.engine.failedPasses !== undefined && <span class="muted"> ({t('health.failedPasses', { n: h.engine.failedPasses })}, {t('health.since', { time: formatTime(h.engine.since ?? null) })})</span>}
          </dd>
        </dl>
      )}
    </section>
  );
}
