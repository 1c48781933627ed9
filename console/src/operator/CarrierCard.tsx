// Operator: the simulated carrier's statistics and its per-number scenarios (list, delete, add or replace as JSON).
import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { codeMeaning } from '../codes';
import { fmtInt, t } from '../i18n';
import type { CarrierStats, Scenario } from '../types';
import { usePolling, useResource } from '../use-resource';
import { admin } from './admin-api';

const EXAMPLE = '{"outcomes": ["200002", "200000"], "utterances": ["可以", ""], "ringMs": 5000, "hangup": "user"}';

export function CarrierCard() {
  const stats = useResource((signal) => admin<CarrierStats>('/carrier/stats', { signal }), []);
  const scenarios = useResource((signal) => admin<{ scenarios: Scenario[] }>('/carrier/scenarios', { signal }), []);
  usePolling(() => stats.reload(false), 3000, true);
  const [number, setNumber] = useState('');
  const [json, setJson] = useState(EXAMPLE);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const change = async (method: 'PUT' | 'DELETE', num: string, body?: unknown) => {
    setBusy(true);
    setError(null);
    try {
      await admin(`/carrier/scenarios/${encodeURIComponent(num)}`, { method, body });
      scenarios.reload(true);
      return true;
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const save = async (e: Event) => {
    e.preventDefault();
    let body: unknown;
    try {
      body = JSON.parse(json);
    } catch (err) {
      return setError(t('carrier.badJson', { message: (err as Error).message }));
    }
    if (!number.trim()) return setError(t('carrier.needNumber'));
    if (await change('PUT', number.trim(), body)) setNumber('');
  };

  const s = stats.data;
  return (
    <section class="card" aria-labelledby="carrier-title" aria-busy={busy}>
      <h2 id="carrier-title">{t('carrier.title')}{s?.carrier ? <span class="muted"> · {s.carrier}</span> : null}</h2>
      {stats.error && <p class="error" role="alert">{stats.error.message}</p>}
      {s && (
        <>
          <dl class="stats">
            <div><dt>{t('carrier.dials')}</dt><dd data-testid="carrier-dials">{fmtInt(s.dials)}</dd></div>
            <div><dt>{t('carrier.inFlight')}</dt><dd>{fmtInt(s.inFlight)}</dd></div>
          </dl>
          {Object.keys(s.byCode).length > 0 && (
            <ul class="inline-list">
              {Object.entries(s.byCode).sort(([a], [b]) => a.localeCompare(b)).map(([code, n]) => (
                <li key={code}><span class="mono">{code}</span> {codeMeaning(code)}: <strong>{fmtInt(n)}</strong></li>
              ))}
            </ul>
          )}
        </>
      )}
      <h3>{t('carrier.scenarios')}</h3>
      {scenarios.error && <p class="error" role="alert">{scenarios.error.message}</p>}
      {scenarios.data && scenarios.data.scenarios.length === 0 && <p class="empty">{t('carrier.noScenarios')}</p>}
      {scenarios.data && scenarios.data.scenarios.length > 0 && (
        <div class="table-wrap">
          <table class="table">
            <caption class="sr-only">{t('carrier.scenarios')}</caption>
            <thead><tr><th scope="col">{t('carrier.number')}</th><th scope="col">{t('carrier.scenario')}</th><th scope="col">{t('keys.action')}</th></tr></thead>
            <tbody>
              {scenarios.data.scenarios.map(({ number: num, ...rest }) => (
                <tr key={num} data-testid="scenario-row" data-number={num}>
                  <th scope="row" class="mono">{num}</th>
                  <td><code class="json">{JSON.stringify(rest)}</code></td>
                  <td><button type="button" class="btn btn-danger" data-testid="scenario-delete" disabled={busy} onClick={() => change('DELETE', num)}>{t('action.delete')}</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form class="stack" onSubmit={save}>
        <label class="field field-medium">
          <span>{t('carrier.number')}</span>
          <input data-testid="scenario-number" inputMode="tel" value={number} onInput={(e) => setNumber(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>{t('carrier.json')}</span>
          <textarea data-testid="scenario-json" rows={4} spellcheck={false} class="mono" value={json} onInput={(e) => setJson(e.currentTarget.value)} />
        </label>
        {error && <p class="error" role="alert" data-testid="carrier-error">{error}</p>}
        <div><button type="submit" class="btn btn-primary" data-testid="scenario-save" disabled={busy}>{t('carrier.save')}</button></div>
      </form>
    </section>
  );
}
