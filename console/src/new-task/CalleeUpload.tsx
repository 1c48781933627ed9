// The callee spreadsheet picker: sends the file as soon as it is chosen (a check on the new-task page, an upload on a task's page) and shows progress and findings.
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, apiUrl, isAbort } from '../api';
import { fmtInt, t } from '../i18n';
import { ProgressBar } from '../ProgressBar';
import type { SheetOutcome } from '../types';
import { SheetReport } from './SheetReport';
import { sendSheet, type Upload, type UploadProgress } from './upload';

interface Props {
  /** check: POST /callees/check (writes nothing); add: POST /tasks/:taskId/callees. */
  mode: 'check' | 'add';
  taskId?: number;
  onFile?: (file: File | null) => void;
  onDone?: (outcome: SheetOutcome) => void;
  /** Progress of the parent's own upload of the same file (creating a task), shown in place of the check's. */
  override?: { progress: UploadProgress; outcome: SheetOutcome | null } | null;
  disabled?: boolean;
}

export function CalleeUpload({ mode, taskId, onFile, onDone, override, disabled }: Props) {
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [outcome, setOutcome] = useState<SheetOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<Upload | null>(null);
  useEffect(() => () => current.current?.abort(), []);

  const choose = (file: File | null) => {
    current.current?.abort();
    current.current = null;
    setOutcome(null);
    setError(null);
    setProgress(null);
    onFile?.(file);
    if (!file) return;
    const url = mode === 'check' ? apiUrl('/callees/check', { name: file.name }) : apiUrl(`/tasks/${taskId}/callees`, { name: file.name });
    const upload = sendSheet(url, file, setProgress);
    current.current = upload;
    upload.promise.then((result) => {
      if (current.current !== upload) return;
      setOutcome(result);
      onDone?.(result);
    }, (err: unknown) => {
      if (isAbort(err) || current.current !== upload) return;
      setProgress(null);
      setError(err instanceof ApiError ? `${err.message} (${err.code})` : String(err));
      onDone?.({ failed: { code: err instanceof ApiError ? err.code : 'Error', message: String((err as Error)?.message ?? err) } });
    }).finally(() => {
      if (current.current === upload) current.current = null;
    });
  };

  const shownProgress = override ? override.progress : progress;
  const shownOutcome = override ? override.outcome : outcome;
  return (
    <div class="upload">
      <label class="field">
        <span>{mode === 'check' ? t('upload.fileLabel') : t('upload.addLabel')}</span>
        <input type="file" data-testid="callee-file" accept=".xlsx,.csv" disabled={disabled}
          onChange={(e) => choose(e.currentTarget.files?.[0] ?? null)} />
        <span class="hint">{t('upload.fileHint')}</span>
      </label>
      {shownProgress && <UploadBar progress={shownProgress} />}
      {error && <p class="error" role="alert" data-testid="upload-error">{error}</p>}
      {shownOutcome && 'failed' in shownOutcome && (
        <p class="error" role="alert" data-testid="upload-failed">{shownOutcome.failed.message} ({shownOutcome.failed.code})</p>
      )}
      {shownOutcome && 'done' in shownOutcome && <SheetReport done={shownOutcome.done} checked={mode === 'check' && !override} />}
    </div>
  );
}

function UploadBar({ progress }: { progress: UploadProgress }) {
  const label = t('upload.progress');
  switch (progress.phase) {
    case 'upload': {
      const pct = progress.total > 0 ? Math.floor((progress.sent / progress.total) * 100) : 0;
      return <ProgressBar testid="upload-progress" label={label} value={pct} max={100} text={t('upload.sending', { pct })} />;
    }
    case 'read':
      // The server does not know the row count before it has read them all: an indeterminate bar with the count so far.
      return <ProgressBar testid="upload-progress" label={label} value={null} max={0}
        text={progress.rows ? t('upload.reading', { rows: fmtInt(progress.rows) }) : t('upload.readingStart')} />;
    default:
      return <ProgressBar testid="upload-progress" label={label} value={100} max={100} text={t('upload.done', { rows: fmtInt(progress.rows) })} />;
  }
}
