// One POST of a batch to its receiver (docs/decisions.md D16). The receiver has taken the batch only
// when it answers 200 with a JSON body whose `code` is 0, as Alibaba's push expects; anything else
// (another status, another body, a redirect, no answer within the time limit) is a failed try, told
// in words fit for the log and the admin API.
import { readBoundedText } from '../net/bounded-answer.js';

export const PUSH_TIMEOUT_MS = 10_000;
/** A receiver's answer is a few bytes; more is read no further. */
const MAX_ANSWER_BYTES = 64 * 1024;

export interface PushRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  /** Ends the try early (the process is stopping). */
  signal?: AbortSignal;
}

/** null when the receiver took the batch, else why not. */
export async function push(request: PushRequest, timeoutMs = PUSH_TIMEOUT_MS): Promise<string | null> {
  let response: Response;
  try {
    response = await fetch(request.url, {
      method: 'POST', body: request.body, redirect: 'manual', signal: request.signal ? AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'robotcall-receipts', ...request.headers },
    });
  } catch (err) {
    return failureOf(err, timeoutMs);
  }
  let text: string;
  try {
    ({ text } = await readBoundedText(response, MAX_ANSWER_BYTES));
  } catch (err) {
    return failureOf(err, timeoutMs);
  }
  if (response.status !== 200) return `answered HTTP ${response.status}${text ? `: ${excerpt(text)}` : ''}`;
  let answer: unknown;
  try {
    answer = JSON.parse(text);
  } catch {
    return `answered 200 without JSON (${excerpt(text) || 'empty body'}${text.length >= MAX_ANSWER_BYTES ? ', or more than 64 KiB of it' : ''}); expected {"code":0}`;
  }
  const code = (answer as { code?: unknown } | null)?.code;
  return code === 0 || code === '0' ? null : `answered 200 with ${excerpt(text)}; expected {"code":0}`;
}

/** The start of an answer, on one line: its control characters as spaces, so a log line stays one line. */
const excerpt = (text: string) => [...(text.length > 200 ? `${text.slice(0, 200)}…` : text)]
  .map((c) => (c < ' ' || c === '\x7f' ? ' ' : c)).join('');

function failureOf(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs / 1000} s`;
  if (e.name === 'AbortError') return 'cut short: this process was stopping';
  const cause = e.cause?.code ?? e.cause?.message;
  return `could not be reached: ${cause ? `${e.message} (${cause})` : e.message ?? String(err)}`;
}
