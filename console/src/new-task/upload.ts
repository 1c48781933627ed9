// Sends a callee spreadsheet with XMLHttpRequest, the one browser API that reports upload progress, and reads the NDJSON answer line by line as it arrives.
import { ApiError, changeHeaders, errorFrom, parseJson, signalUnauthorized } from '../api';
import { t } from '../i18n';
import type { SheetOutcome } from '../types';

export type UploadProgress =
  | { phase: 'upload'; sent: number; total: number }
  | { phase: 'read'; rows: number }
  | { phase: 'done'; rows: number };

export interface Upload {
  promise: Promise<SheetOutcome>;
  abort: () => void;
}

export function sendSheet(url: string, file: File, onProgress: (p: UploadProgress) => void): Upload {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<SheetOutcome>((resolve, reject) => {
    let seen = 0;
    let outcome: SheetOutcome | null = null;
    let badLine = false;

    const handle = (line: string) => {
      if (!line.trim()) return;
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(line) as Record<string, unknown>;
      } catch {
        badLine = true;
        return;
      }
      const progress = message.progress as { rows?: number } | undefined;
      if (progress && typeof progress.rows === 'number') onProgress({ phase: 'read', rows: progress.rows });
      if ('done' in message || 'failed' in message) outcome = message as unknown as SheetOutcome;
    };
    // Only whole lines: the rest of the text may still be on its way.
    const consume = (final: boolean) => {
      const text = xhr.responseText;
      for (let nl = text.indexOf('\n', seen); nl !== -1; nl = text.indexOf('\n', seen)) {
        handle(text.slice(seen, nl));
        seen = nl + 1;
      }
      if (final && seen < text.length) {
        handle(text.slice(seen));
        seen = text.length;
      }
    };

    xhr.open('POST', url);
    for (const [name, value] of Object.entries(changeHeaders(false))) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader('content-type', 'application/octet-stream');
    xhr.upload.onprogress = (e) => onProgress({ phase: 'upload', sent: e.loaded, total: e.lengthComputable ? e.total : file.size });
    xhr.upload.onload = () => onProgress({ phase: 'read', rows: 0 });
    xhr.onprogress = () => {
      if (xhr.status === 200) consume(false);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        consume(true);
        const done = outcome as SheetOutcome | null;
        if (done) {
          if ('done' in done) onProgress({ phase: 'done', rows: done.done.rows });
          resolve(done);
        } else reject(new ApiError(xhr.status, 'BadResponse', badLine ? t('upload.badAnswer') : t('upload.cutShort')));
        return;
      }
      if (xhr.status === 401) signalUnauthorized();
      reject(errorFrom(xhr.status, parseJson(xhr.responseText), xhr.getResponseHeader('retry-after')));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NetworkError', t('upload.network')));
    xhr.onabort = () => reject(new DOMException('upload aborted', 'AbortError'));
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}
