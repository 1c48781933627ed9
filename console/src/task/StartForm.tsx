// The start form: start now, or at a time (yyyy-MM-dd HH:mm:ss in the server's time zone, as ScheduleTime is).
import { useState } from 'preact/hooks';
import { t } from '../i18n';

export const TIME_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

export function StartForm({ onStart, onCancel }: { onStart: (scheduleTime: string | null) => void; onCancel: () => void }) {
  const [mode, setMode] = useState<'now' | 'later'>('now');
  const [time, setTime] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (e: Event) => {
    e.preventDefault();
    if (mode === 'now') return onStart(null);
    if (!TIME_PATTERN.test(time.trim())) {
      setError(t('start.badTime'));
      return;
    }
    onStart(time.trim());
  };

  return (
    <form onSubmit={submit} class="stack">
      <fieldset class="choices">
        <legend>{t('start.when')}</legend>
        <label class="choice">
          <input type="radio" name="start-mode" autoFocus checked={mode === 'now'} onChange={() => setMode('now')} />
          {t('start.now')}
        </label>
        <label class="choice">
          <input type="radio" name="start-mode" checked={mode === 'later'} onChange={() => setMode('later')} />
          {t('start.later')}
        </label>
      </fieldset>
      <label class="field">
        <span>{t('start.time')}</span>
        {/* Typing a time means "at this time": no need to pick the radio first. */}
        <input type="text" data-testid="schedule-time" placeholder="yyyy-MM-dd HH:mm:ss" inputMode="numeric" value={time}
          aria-invalid={error ? true : undefined}
          onInput={(e) => {
            setTime(e.currentTarget.value);
            setMode(e.currentTarget.value ? 'later' : 'now');
            setError(null);
          }} />
        <span class="hint">{t('start.timeHint')}</span>
      </label>
      {error && <p class="error" role="alert">{error}</p>}
      <div class="modal-actions">
        <button type="button" class="btn" onClick={onCancel}>{t('common.back')}</button>
        <button type="submit" class="btn btn-primary" data-testid="confirm-start">{t('action.start')}</button>
      </div>
    </form>
  );
}
