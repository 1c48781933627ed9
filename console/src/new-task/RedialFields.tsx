// The redial policy of a new task: none, or on chosen state codes, so many times, so many minutes apart (RetryType, RecallStateCodes, RecallTimes, RecallInterval).
import { codeMeaning, RECALL_CODES } from '../codes';
import { t } from '../i18n';

export interface Redial {
  on: boolean;
  codes: string[];
  times: string;
  interval: string;
}

export function RedialFields({ value, onChange }: { value: Redial; onChange: (next: Redial) => void }) {
  const set = (patch: Partial<Redial>) => onChange({ ...value, ...patch });
  const toggle = (code: string, checked: boolean) => {
    const codes = checked ? [...value.codes, code] : value.codes.filter((c) => c !== code);
    // Ticking a code means redialing on it: no need to pick "on codes" first.
    set({ codes, on: checked ? true : value.on });
  };
  return (
    <fieldset class="fieldset">
      <legend>{t('redial.title')}</legend>
      <div class="choices">
        <label class="choice"><input type="radio" name="redial" id="retry-none" checked={!value.on} onChange={() => set({ on: false })} /> {t('redial.none')}</label>
        <label class="choice"><input type="radio" name="redial" id="retry-codes" checked={value.on} onChange={() => set({ on: true })} /> {t('redial.onCodes')}</label>
      </div>
      <div class={`redial-details${value.on ? '' : ' is-off'}`}>
        <fieldset class="choices code-choices">
          <legend class="sr-only">{t('redial.codes')}</legend>
          {RECALL_CODES.map((code) => (
            <label class="choice" key={code} data-testid="recall-code">
              <input type="checkbox" value={code} id={`recall-code-${code}`} checked={value.codes.includes(code)}
                onChange={(e) => toggle(code, e.currentTarget.checked)} />
              <span class="mono">{code}</span> {codeMeaning(code)}
            </label>
          ))}
        </fieldset>
        <div class="row">
          <label class="field field-small">
            <span>{t('redial.times')}</span>
            <input id="recall-times" type="number" min={0} max={10} step={1} inputMode="numeric" value={value.times}
              onInput={(e) => set({ times: e.currentTarget.value })} />
            <span class="hint">0–10</span>
          </label>
          <label class="field field-small">
            <span>{t('redial.interval')}</span>
            <input id="recall-interval" type="number" min={2} max={30} step={1} inputMode="numeric" value={value.interval}
              onInput={(e) => set({ interval: e.currentTarget.value })} />
            <span class="hint">{t('redial.intervalHint')}</span>
          </label>
        </div>
      </div>
    </fieldset>
  );
}
