// What the server found in a callee spreadsheet: counts, the TTS variables, and the first error and duplicate rows.
import { fmtInt, t } from '../i18n';
import type { SheetDone } from '../types';

/** Enough rows to see what is wrong with a file; the server samples the first 1,000. */
const SHOWN = 100;

/** `checked`: a check wrote nothing, so there is no Added to show. */
export function SheetReport({ done, checked = false }: { done: SheetDone; checked?: boolean }) {
  const errors = done.errors.sample.slice(0, SHOWN);
  const duplicates = done.duplicates.sample.slice(0, SHOWN);
  return (
    <div class="sheet-report" data-testid="sheet-report">
      <dl class="stats">
        <div><dt>{t('sheet.rows')}</dt><dd data-testid="sheet-rows">{fmtInt(done.rows)}</dd></div>
        <div class="stat-ok"><dt>{t('sheet.valid')}</dt><dd data-testid="sheet-valid">{fmtInt(done.valid)}</dd></div>
        {!checked && done.added !== undefined && <div class="stat-ok"><dt>{t('sheet.added')}</dt><dd data-testid="sheet-added">{fmtInt(done.added)}</dd></div>}
        <div class="stat-warn"><dt>{t('sheet.duplicates')}</dt><dd data-testid="sheet-duplicates">{fmtInt(done.duplicates.count)}</dd></div>
        <div class="stat-bad"><dt>{t('sheet.errors')}</dt><dd data-testid="sheet-errors">{fmtInt(done.errors.count)}</dd></div>
      </dl>
      <p>
        <strong>{t('sheet.variables')}</strong>{' '}
        {done.variables.length ? done.variables.map((v) => <code class="chip" key={v}>{'${'}{v}{'}'}</code>) : <span class="muted">{t('sheet.noVariables')}</span>}
      </p>
      {errors.length > 0 && (
        <RowTable title={t('sheet.errorRows', { shown: errors.length, count: fmtInt(done.errors.count) })} second={t('sheet.message')}
          rows={errors.map((e) => ({ row: e.row, text: e.message }))} testid="row-error" />
      )}
      {duplicates.length > 0 && (
        <RowTable title={t('sheet.duplicateRows', { shown: duplicates.length, count: fmtInt(done.duplicates.count) })} second={t('sheet.number')}
          rows={duplicates.map((d) => ({ row: d.row, text: d.number }))} testid="row-duplicate" />
      )}
    </div>
  );
}

function RowTable({ title, second, rows, testid }: { title: string; second: string; rows: Array<{ row: number; text: string }>; testid: string }) {
  return (
    <div class="table-wrap table-scroll">
      <table class="table table-compact">
        <caption>{title}</caption>
        <thead><tr><th scope="col" class="num">{t('sheet.row')}</th><th scope="col">{second}</th></tr></thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.row}-${i}`} data-testid={testid}>
              <td class="num">{r.row}</td>
              <td>{r.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
