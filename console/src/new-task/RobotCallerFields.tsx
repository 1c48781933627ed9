// The robot select (approved robots only) and the caller-number checkboxes of the new-task form.
import { AUDIT_LABELS } from '../codes';
import { pick, t } from '../i18n';
import type { Robot } from '../types';
import type { Resource } from '../use-resource';

interface Props {
  robots: Resource<{ robots: Robot[] }>;
  callers: Resource<{ callers: string[] }>;
  robot: string;
  onRobot: (id: string) => void;
  chosen: string[];
  onCallers: (callers: string[]) => void;
}

export function RobotCallerFields({ robots, callers, robot, onRobot, chosen, onCallers }: Props) {
  const list = robots.data?.robots ?? [];
  const numbers = callers.data?.callers ?? [];
  return (
    <>
      <label class="field">
        <span>{t('create.robot')}</span>
        <select id="task-robot" value={robot} onChange={(e) => onRobot(e.currentTarget.value)}>
          {list.length === 0 && <option value="">{robots.data ? t('create.noRobots') : t('common.loading')}</option>}
          {list.map((r) => (
            <option key={r.id} value={String(r.id)} disabled={r.auditStatus !== 'AUDITPASS'}>
              {r.name} (#{r.id}){r.auditStatus === 'AUDITPASS' ? '' : ` — ${pick(AUDIT_LABELS, r.auditStatus)}`}
            </option>
          ))}
        </select>
        <span class="hint">{t('create.robotHint')}</span>
      </label>
      {robots.error && <p class="error" role="alert">{robots.error.message}</p>}
      <fieldset class="fieldset">
        <legend>{t('create.callers')}</legend>
        {callers.error && <p class="error" role="alert">{callers.error.message}</p>}
        {callers.data && numbers.length === 0 && <p class="empty">{t('create.noCallers')}</p>}
        <div class="choices">
          {numbers.map((n) => (
            <label class="choice" key={n} data-testid="caller-option">
              <input type="checkbox" value={n} checked={chosen.includes(n)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  // Kept in the listed order: the order the task rotates through them.
                  onCallers(numbers.filter((c) => (c === n ? on : chosen.includes(c))));
                }} />
              <span class="mono">{n}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}
