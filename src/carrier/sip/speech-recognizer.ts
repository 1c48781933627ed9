// Speech recognition as a plug-in (docs/decisions.md D15; `--asr-url`, off by default): robotcall
// POSTs each utterance of the callee, as an 8 kHz 16-bit mono WAV, to an HTTP endpoint of the
// operator's, which answers 200 with JSON `{"text": "…"}`. What it answers is the callee's reply, read
// against the ask's intents like any text. The answer is bounded (64 KiB, text cut at 500
// characters); an endpoint that fails, times out or answers otherwise counts as not understood.
import { wavHeader } from './wav-recorder.js';
import { readBoundedText } from '../../net/bounded-answer.js';

const TIMEOUT_MS = 8_000;
const MAX_ANSWER = 64 * 1024;
const MAX_TEXT = 500;

export interface RecognizeRequest {
  /** Identifies the call to the endpoint (headers X-Robotcall-Task and X-Robotcall-Call). */
  taskId: number;
  callId: number;
  pcm: Int16Array;
}

export type Recognizer = (r: RecognizeRequest) => Promise<string | null>;

export function httpRecognizer(url: string, onError: (err: unknown) => void): Recognizer {
  return async ({ taskId, callId, pcm }) => {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'audio/wav', 'x-robotcall-task': String(taskId), 'x-robotcall-call': String(callId) },
        body: new Uint8Array(wav(pcm)),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      const { text: body, over } = await readBoundedText(res, MAX_ANSWER);
      if (over) throw new Error(`the recognizer's answer is over ${MAX_ANSWER} bytes`);
      if (res.status !== 200) throw new Error(`the recognizer answered ${res.status}`);
      const text = (JSON.parse(body) as { text?: unknown }).text;
      if (typeof text !== 'string') throw new Error('the recognizer\'s answer has no "text"');
      return text.slice(0, MAX_TEXT);
    } catch (err) {
      onError(err);
      return null;
    }
  };
}

function wav(pcm: Int16Array): Buffer {
  const data = Buffer.allocUnsafe(pcm.length * 2);
  for (let i = 0; i < pcm.length; i++) data.writeInt16LE(pcm[i]!, i * 2);
  return Buffer.concat([wavHeader(data.length, 1), data]);
}
