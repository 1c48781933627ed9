// The new-task form (#/new): robot, callers, corp name, redial policy, numbers (checked as soon as chosen) and whether to start.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { t } from '../i18n';
import { href, navigate } from '../router';
import { TIME_PATTERN } from '../task/StartForm';
import type { Robot, SheetOutcome } from '../types';
import { useResource } from '../use-resource';
import { CalleeUpload } from './CalleeUpload';
import { createTask, CreateError } from './create-task';
import { RedialFields, type Redial } from './RedialFields';
import { RobotCallerFields } from './RobotCallerFields';
import type { UploadProgress } from './upload';

type StartChoice = 'none' | 'now' | 'later';

export function NewTaskPage() {
  const robots = useResource((signal) => api<{ robots: Robot[] }>('/robots', { signal }), []);
  const callers = useResource((signal) => api<{ callers: string[] }>('/callers', { signal }), []);
  const [name, setName] = useState('');
  const [robotId, setRobotId] = useState<string | null>(null);
  const [chosenCallers, setCallers] = useState<string[]>([]);
  const [corpName, setCorpName] = useState('');
  const [numberStatusIdent, setNsi] = useState(false);
  const [redial, setRedial] = useState<Redial>({ on: false, codes: [], times: '1', interval: '5' });
  const [file, setFile] = useState<File | null>(null);
  // The check of the chosen file: Create waits for it, and needs a valid row to add.
  const [checked, setChecked] = useState<SheetOutcome | null>(null);
  const [start, setStart] = useState<StartChoice>('none');
  const [scheduleTime, setScheduleTime] = useState('');
  const [busy, setBusy] = useState(false);
  const [upload, setUpload] = useState<{ progress: UploadProgress; outcome: SheetOutcome | null } | null>(null);
  const [error, setError] = useState<{ message: string; taskId: number | null } | null>(null);

  // The first approved robot is the likely choice; the reader can pick another.
  const usable = robots.data?.robots.filter((r) => r.auditStatus === 'AUDITPASS') ?? [];
  const robot = robotId ?? (usable[0] ? String(usable[0].id) : '');

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setError(null);
    // Checked here, before anything is created: a task left half made is worse than a form to fix.
    if (!robot) return setError({ message: t('create.needRobot'), taskId: null });
    if (start === 'later' && !TIME_PATTERN.test(scheduleTime.trim())) return setError({ message: t('start.badTime'), taskId: null });
    if (start !== 'none' && !file) return setError({ message: t('create.needFileToStart'), taskId: null });
    if (file && !checked) return setError({ message: t('create.waitCheck'), taskId: null });
    if (file && checked && !('done' in checked && checked.done.valid > 0)) return setError({ message: t('create.fileUnusable'), taskId: null });
    setBusy(true);
    try {
      const id = await createTask({
        body: {
          name: name.trim(), robotId: Number(robot), callers: chosenCallers, corpName: corpName.trim(), numberStatusIdent,
          retry: redial.on ? { codes: redial.codes, times: Number.parseInt(redial.times, 10), intervalMin: Number.parseInt(redial.interval, 10) } : null,
        },
        file,
        start: start === 'none' ? null : start === 'now' ? '' : scheduleTime.trim(),
      }, (progress) => setUpload({ progress, outcome: null }));
      navigate(href.task(id));
    } catch (err) {
      setError(err instanceof CreateError ? { message: err.message, taskId: err.taskId } : { message: String(err), taskId: null });
      setUpload(null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="page">
      <h1 tabIndex={-1}>{t('create.title')}</h1>
      <form class="card form" onSubmit={submit} noValidate aria-busy={busy}>
        <label class="field">
          <span>{t('create.name')}</span>
          <input id="task-name" value={name} maxLength={30} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <RobotCallerFields robots={robots} callers={callers} robot={robot} onRobot={setRobotId}
          chosen={chosenCallers} onCallers={setCallers} />
        <label class="field">
          <span>{t('create.corpName')}</span>
          <input id="task-corp" value={corpName} onInput={(e) => setCorpName(e.currentTarget.value)} />
          <span class="hint">{t('create.corpHint')}</span>
        </label>
        <label class="choice">
          <input type="checkbox" id="task-nsi" checked={numberStatusIdent} onChange={(e) => setNsi(e.currentTarget.checked)} />
          {t('create.nsi')}
        </label>
        <RedialFields value={redial} onChange={setRedial} />
        <fieldset class="fieldset">
          <legend>{t('create.numbers')}</legend>
          <CalleeUpload mode="check" onFile={(f) => { setFile(f); setChecked(null); }} onDone={setChecked} override={upload} disabled={busy} />
        </fieldset>
        <fieldset class="fieldset">
          <legend>{t('create.startTitle')}</legend>
          <div class="choices">
            <label class="choice"><input type="radio" name="start" data-testid="start-none" checked={start === 'none'} onChange={() => setStart('none')} /> {t('create.startNone')}</label>
            <label class="choice"><input type="radio" name="start" data-testid="start-now" checked={start === 'now'} onChange={() => setStart('now')} /> {t('start.now')}</label>
            <label class="choice"><input type="radio" name="start" data-testid="start-later" checked={start === 'later'} onChange={() => setStart('later')} /> {t('start.later')}</label>
          </div>
          <label class="field field-medium">
            <span>{t('start.time')}</span>
            <input type="text" data-testid="schedule-time" placeholder="yyyy-MM-dd HH:mm:ss" value={scheduleTime}
              onInput={(e) => {
                setScheduleTime(e.currentTarget.value);
                if (e.currentTarget.value) setStart('later');
              }} />
            <span class="hint">{t('start.timeHint')}</span>
          </label>
        </fieldset>
        {error && (
          <div class="error" role="alert" data-testid="create-error">
            <p>{error.message}</p>
            {error.taskId !== null && <p><a href={href.task(error.taskId)}>{t('create.openTask', { id: error.taskId })}</a></p>}
          </div>
        )}
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" data-testid="create-task" disabled={busy}>{busy ? t('common.working') : t('create.submit')}</button>
          <a class="btn btn-ghost" href={href.tasks()}>{t('common.cancel')}</a>
        </div>
      </form>
    </section>
  );
}
