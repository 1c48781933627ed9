// A task's outcome breakdown (by state code, with meanings, and label counts) and its calls over time.
import { codeMeaning } from '../codes';
import { fmtInt, t } from '../i18n';
import type { TaskStats } from '../types';
import { BarChart } from './BarChart';

/** Answered is good news, the codes a redial can fix are amber, the rest grey. */
function codeColor(code: string): string {
  if (code === '200000') return '#1f8a4c';
  if (['200002', '200003', '200005', '200010', '200011', '200012'].includes(code)) return '#d48806';
  return '#8a93a3';
}

function bucketText(ms: number): string {
  if (ms % 3_600_000 === 0) return t('unit.hours', { n: ms / 3_600_000 });
  if (ms % 60_000 === 0) return t('unit.minutes', { n: ms / 60_000 });
  return t('unit.seconds', { n: Math.round(ms / 1000) });
}

const NO_STATS: TaskStats = { outcomes: [], labels: [], callsOverTime: { bucketMs: 1000, points: [] } };

/** `stats` undefined: still loading (the charts are drawn empty meanwhile, so nothing jumps). */
export function TaskCharts({ stats }: { stats: TaskStats | undefined }) {
  const detail = stats ?? NO_STATS;
  const empty = stats ? t('charts.noCalls') : t('common.loading');
  const outcomes = [...detail.outcomes].sort((a, b) => a.code.localeCompare(b.code));
  const points = detail.callsOverTime.points;
  // MM-dd HH:mm, with seconds when a bar is shorter than a minute (else two bars read alike).
  const shortTime = (time: string) => (time.length < 19 ? time : detail.callsOverTime.bucketMs < 60_000 ? time.slice(5, 19) : time.slice(5, 16));
  const totalCalls = outcomes.reduce((n, o) => n + o.count, 0);
  return (
    <div class="grid-2">
      <section class="card" aria-labelledby="outcomes-title">
        <h2 id="outcomes-title">{t('charts.outcomes')}</h2>
        {outcomes.length === 0 && <p class="empty">{empty}</p>}
        {/* Drawn even when empty: the chart fills in as the calls end, without the layout jumping. */}
        <BarChart testid="outcome-chart" horizontal height={Math.max(140, outcomes.length * 30 + 40)}
          labels={outcomes.map((o) => `${o.code} ${codeMeaning(o.code, o.meaning)}`)} values={outcomes.map((o) => o.count)}
          colors={outcomes.map((o) => codeColor(o.code))} series={t('charts.calls')}
          summary={outcomes.map((o) => `${o.code} ${codeMeaning(o.code, o.meaning)}: ${o.count}`).join('; ') || t('charts.noCalls')} />
        {outcomes.length > 0 && (
          <div class="table-wrap">
            <table class="table table-compact">
              <caption class="sr-only">{t('charts.outcomes')}</caption>
              <thead><tr><th scope="col">{t('calls.code')}</th><th scope="col">{t('calls.meaning')}</th><th scope="col" class="num">{t('charts.calls')}</th><th scope="col" class="num">%</th></tr></thead>
              <tbody>
                {outcomes.map((o) => (
                  <tr key={o.code}>
                    <td class="mono">{o.code}</td>
                    <td>{codeMeaning(o.code, o.meaning)}</td>
                    <td class="num">{fmtInt(o.count)}</td>
                    <td class="num">{totalCalls ? ((o.count / totalCalls) * 100).toFixed(1) : '0'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <h3>{t('charts.labels')}</h3>
        {detail.labels.length === 0 ? <p class="empty">{t('charts.noLabels')}</p> : (
          <ul class="label-counts" data-testid="label-counts">
            {detail.labels.map((l) => <li key={l.label}><span class="chip">{l.label}</span> <strong>{fmtInt(l.count)}</strong></li>)}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="over-time-title">
        <h2 id="over-time-title">{t('charts.overTime')}</h2>
        {points.length === 0 && <p class="empty">{empty}</p>}
        <BarChart testid="calls-chart" height={260} labels={points.map((p) => shortTime(p.time))} values={points.map((p) => p.count)}
          colors="#1664d9" series={t('charts.calls')}
          summary={t('charts.overTimeSummary', { n: fmtInt(points.reduce((n, p) => n + p.count, 0)), buckets: points.length })} />
        {points.length > 0 && <p class="hint">{t('charts.bucket', { size: bucketText(detail.callsOverTime.bucketMs) })}</p>}
      </section>
    </div>
  );
}
