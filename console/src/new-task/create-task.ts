// Creating a task from the new-task form: create it, upload its numbers, start it if asked; a failed step says which and whether the task exists.
import { api, ApiError, apiUrl } from '../api';
import { t } from '../i18n';
import type { NewTaskBody, TaskView } from '../types';
import { sendSheet, type UploadProgress } from './upload';

export class CreateError extends Error {
  /** taskId: the task was created before the step that failed. */
  constructor(message: string, readonly taskId: number | null) {
    super(message);
  }
}

export interface CreatePlan {
  body: NewTaskBody;
  file: File | null;
  /** null: leave it in INIT; "" : start now; a time: start then. */
  start: string | null;
}

const describe = (err: unknown) => (err instanceof ApiError ? `${err.message} (${err.code})` : String((err as Error)?.message ?? err));

export async function createTask(plan: CreatePlan, onProgress: (p: UploadProgress) => void): Promise<number> {
  let task: TaskView;
  try {
    task = (await api<{ task: TaskView }>('/tasks', { method: 'POST', body: plan.body })).task;
  } catch (err) {
    throw new CreateError(describe(err), null);
  }
  if (plan.file) {
    let failure: string | null = null;
    try {
      const outcome = await sendSheet(apiUrl(`/tasks/${task.id}/callees`, { name: plan.file.name }), plan.file, onProgress).promise;
      if ('failed' in outcome) failure = `${outcome.failed.message} (${outcome.failed.code})`;
    } catch (err) {
      failure = describe(err);
    }
    if (failure !== null) throw new CreateError(t('create.uploadFailed', { id: task.id, message: failure }), task.id);
  }
  if (plan.start !== null) {
    try {
      await api(`/tasks/${task.id}/start`, { method: 'POST', body: plan.start ? { scheduleTime: plan.start } : {} });
    } catch (err) {
      throw new CreateError(t('create.startFailed', { id: task.id, message: describe(err) }), task.id);
    }
  }
  return task.id;
}
