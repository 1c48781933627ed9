// A task's action buttons: enabled exactly as the server's task.actions says, each refusal's reason shown; start and the destructive ones ask first.
import { useState } from 'preact/hooks';
import { api, ApiError } from '../api';
import { getLang, t } from '../i18n';
import type { MessageKey } from '../messages';
import { Modal } from '../Modal';
import { href, navigate } from '../router';
import type { TaskView } from '../types';
import { StartForm } from './StartForm';

type Action = 'start' | 'stop' | 'cancelOrder' | 'cancel' | 'delete';

const BUTTONS: Array<{ action: Action; testid: string; label: MessageKey; danger?: boolean }> = [
  { action: 'start', testid: 'start', label: 'action.start' },
  { action: 'stop', testid: 'stop', label: 'action.stop' },
  { action: 'cancelOrder', testid: 'cancel-order', label: 'action.cancelOrder' },
  { action: 'cancel', testid: 'cancel', label: 'action.cancel', danger: true },
  { action: 'delete', testid: 'delete', label: 'action.delete', danger: true },
];

export function TaskActions({ task, onChanged }: { task: TaskView; onChanged: () => void }) {
  const [open, setOpen] = useState<'start' | 'cancel' | 'delete' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const run = async (action: Action, body?: unknown) => {
    setOpen(null);
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      if (action === 'delete') {
        await api(`/tasks/${task.id}`, { method: 'DELETE' });
        navigate(href.tasks());
        return;
      }
      const path = action === 'cancelOrder' ? 'cancel-order' : action;
      await api(`/tasks/${task.id}/${path}`, { method: 'POST', body: body ?? {} });
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? `${err.message} (${err.code})` : String(err));
    } finally {
      setBusy(false);
    }
  };

  const click = (action: Action) => {
    if (busy) return;
    if (action === 'start' || action === 'cancel' || action === 'delete') setOpen(action);
    else void run(action);
  };

  return (
    <section class="card" aria-labelledby="actions-title" aria-busy={busy}>
      <h2 id="actions-title" class="sr-only">{t('task.actions')}</h2>
      <div class="actions">
        {BUTTONS.map(({ action, testid, label, danger }) => {
          const state = task.actions[action];
          // English shows the server's own words; Chinese says the same in Chinese, by kind.
          const reason = state.allowed ? null : getLang() === 'zh' ? t(`reason.${state.why}`, { status: task.status }) : state.reason;
          return (
            <div class="action" key={action}>
              <button type="button" class={`btn ${danger ? 'btn-danger' : action === 'start' ? 'btn-primary' : ''}`}
                data-testid={`action-${testid}`} disabled={!state.allowed} title={reason ?? undefined}
                aria-describedby={reason ? `reason-${testid}` : undefined} onClick={() => click(action)}>
                {t(label)}
              </button>
              {reason && <span class="reason" id={`reason-${testid}`} data-testid={`reason-${testid}`}>{reason}</span>}
            </div>
          );
        })}
      </div>
      {busy && <p class="muted" role="status">{t('common.working')}</p>}
      {error && <p class="error" role="alert" data-testid="action-error">{error}</p>}
      {open === 'start' && (
        <Modal title={t('start.title', { name: task.name })} onClose={() => setOpen(null)}>
          <StartForm onStart={(scheduleTime) => run('start', scheduleTime ? { scheduleTime } : {})} onCancel={() => setOpen(null)} />
        </Modal>
      )}
      {(open === 'cancel' || open === 'delete') && (
        <Modal title={t(open === 'cancel' ? 'confirm.cancelTitle' : 'confirm.deleteTitle')} onClose={() => setOpen(null)}>
          <p>{t(open === 'cancel' ? 'confirm.cancelText' : 'confirm.deleteText', { name: task.name, id: task.id })}</p>
          <div class="modal-actions">
            {/* The safe choice has the focus: Enter on a dialog opened by mistake changes nothing. */}
            <button type="button" class="btn" autoFocus onClick={() => setOpen(null)}>{t('common.back')}</button>
            <button type="button" class="btn btn-danger" data-testid="confirm-action" onClick={() => run(open)}>
              {t(open === 'cancel' ? 'action.cancel' : 'action.delete')}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
