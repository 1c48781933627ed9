// The readable form of robotcall's own log lines (access and task lifecycle) for --log-format pretty.
// Pure: a JSON log entry in, a line of words out.

/** The fields the messages below put into words (pino-pretty leaves them out of its JSON tail). */
export const PRETTY_FIELDS = [
  'requestId', 'accessKeyId', 'accountId', 'action', 'code', 'status', 'ms',
  'taskId', 'from', 'to', 'by', 'engineTime', 'totalCount', 'finishCount', 'calls', 'callsByCode',
  'method', 'route', 'path', 'aborted',
] as const;

type Entry = Record<string, unknown>;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]/g;
/**
 * A value as one line: a refused request's Action or key id is whatever the client sent, and a
 * newline in it would start a forged log line. Control characters are shown JSON-escaped.
 */
const word = (value: unknown) => String(value).replace(CONTROL, escape);

function escape(c: string): string {
  const json = JSON.stringify(c).slice(1, -1);
  return json !== c ? json : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
const opt = (label: string, value: unknown) => (value === undefined ? '' : ` ${label} ${word(value)}`);

export function prettyMessage(log: Entry, messageKey = 'msg'): string {
  const msg = String(log[messageKey] ?? '');
  if (msg === 'rpc') {
    return `rpc ${word(log.action ?? '-')} ${word(log.code)} ${String(log.status)} ${String(log.ms)} ms`
      + `${opt('key', log.accessKeyId)}${opt('account', log.accountId)}${opt('request', log.requestId)}`;
  }
  if (msg === 'http') {
    return `http ${word(log.method)} ${word(log.route ?? log.path)} ${String(log.status)} ${String(log.ms)} ms`
      + `${log.aborted === true ? ' aborted' : ''}${opt('account', log.accountId)}`;
  }
  if (typeof log.taskId === 'number' && typeof log.to === 'string') return taskLine(log, msg);
  return msg;
}

function taskLine(log: Entry, msg: string): string {
  const what = msg === 'task started' ? 'started' : msg === 'task finished' ? 'finished' : 'moved';
  const by = log.by === 'api' ? `by ${String(log.action)}` : 'by the engine';
  let line = `task ${String(log.taskId)} ${what}: ${String(log.from)} → ${String(log.to)} ${by} at engine time ${String(log.engineTime)}`;
  if (typeof log.totalCount === 'number') line += `; ${String(log.finishCount)} of ${log.totalCount} callees finished`;
  if (typeof log.calls === 'number') {
    const codes = Object.entries((log.callsByCode ?? {}) as Record<string, number>).map(([code, n]) => `${code} ×${n}`);
    line += `, ${log.calls} calls${codes.length ? ` (${codes.join(', ')})` : ''}`;
  }
  return line;
}
