// One call's detail: its facts, the transcript as a chat (robot left, callee right, offsets m:ss) and the recording when there is one.
import { api } from '../api';
import { codeMeaning } from '../codes';
import { formatDuration, formatOffset, formatTime } from '../format';
import { t } from '../i18n';
import { Modal } from '../Modal';
import type { CallDetail } from '../types';
import { useResource } from '../use-resource';

export function CallDetailDialog({ taskId, callee, onClose }: { taskId: number; callee: string; onClose: () => void }) {
  const detail = useResource((signal) => api<CallDetail>(`/tasks/${taskId}/calls/${encodeURIComponent(callee)}`, { signal }), [taskId, callee]);
  const data = detail.data;
  return (
    <Modal title={t('call.title', { callee })} onClose={onClose} testid="transcript" wide>
      {detail.error && <p class="error" role="alert">{detail.error.message}</p>}
      {!data && !detail.error && <p class="muted" role="status">{t('common.loading')}</p>}
      {data && (
        <>
          <dl class="props props-inline">
            <dt>{t('calls.attempt')}</dt><dd>{data.call.attempt}</dd>
            <dt>{t('calls.result')}</dt><dd><span class="mono">{data.call.code}</span> {codeMeaning(data.call.code, data.call.meaning)}</dd>
            <dt>{t('calls.start')}</dt><dd>{formatTime(data.call.startTime)}</dd>
            <dt>{t('calls.end')}</dt><dd>{formatTime(data.call.endTime)}</dd>
            <dt>{t('calls.duration')}</dt><dd>{formatDuration(data.call.durationS)}</dd>
            <dt>{t('calls.labels')}</dt><dd>{data.call.labels.join(', ') || '—'}</dd>
          </dl>
          {data.recordingUrl !== null && (
            <audio controls preload="none" src={data.recordingUrl} data-testid="recording" class="recording">
              {t('call.noAudio')}
            </audio>
          )}
          {data.transcript.length === 0
            ? <p class="empty">{t('call.noTranscript')}</p>
            : (
              <ol class="chat" aria-label={t('call.transcript')}>
                {data.transcript.map((u, i) => (
                  <li key={i} class={`bubble ${u.role === 'robot' ? 'bubble-robot' : 'bubble-callee'}`}>
                    <span class="bubble-meta">{u.role === 'robot' ? t('call.robot') : t('call.callee')} · <time>{formatOffset(u.atMs)}</time></span>
                    <span class="bubble-text">{u.content || <em class="muted">{t('call.silence')}</em>}</span>
                  </li>
                ))}
              </ol>
            )}
        </>
      )}
    </Modal>
  );
}
