// The SIP carrier (docs/decisions.md D15): each placed attempt is a call through the trunk. Its events
// come as the trunk answers: ringing at the first 180/183, early media when a Reason names a cause,
// answered with a live line (sip-line.ts), ended with the state code of outcome.ts. Times are the
// attempt's engine-clock start plus the wall time since it was placed: a real call's timeline runs
// in real time from where the engine started it, whatever the engine clock does meanwhile.
import path from 'node:path';
import type { CallEvent, Carrier, PlaceRequest } from '../carrier.js';
import type { Ledger } from '../ledger.js';
import type { CallMedia, MediaThread } from './media-thread.js';
import { earlyMediaCode } from './outcome.js';
import { buildOffer } from './sdp.js';
import { SipLine } from './sip-line.js';
import type { SpeechCache } from './speech.js';
import type { Recognizer } from './speech-recognizer.js';
import type { SipUserAgent } from './user-agent.js';

export interface SipCarrierOptions {
  ua: SipUserAgent;
  /** Where the calls' media runs, and the address written into the SDP. */
  media: { thread: MediaThread; address: string };
  speech: SpeechCache;
  /** Where answered calls are recorded (`<dir>/<task id>/<attempt id>.wav`); null: not recorded. */
  recordingsDir: string | null;
  ledger: Ledger;
  /** Silence this long after an ask is no input (the dialog's default path). */
  noInputMs: number;
  /** Speech recognition (`--asr-url`); null: the callee answers by keys only. */
  recognizer: Recognizer | null;
  wallNow: () => number;
}

/** An answered call hung up before the dialog ended (D15). */
const HUNG_UP_EARLY = '200001';
const ANSWERED = '200000';
const CALL_LOSS = '200012';

export function sipCarrier(opts: SipCarrierOptions): Carrier {
  return {
    instant: false,
    async place(requests, report) {
      opts.ledger.record(requests);
      await Promise.all(requests.map((r) => placeCall(r, opts, report)));
    },
  };
}

async function placeCall(r: PlaceRequest, opts: SipCarrierOptions, report: (e: CallEvent) => void): Promise<void> {
  const { attemptId } = r;
  const placedAt = opts.wallNow();
  const at = () => r.startedAt + (opts.wallNow() - placedAt);
  let media: CallMedia;
  try {
    media = await opts.media.thread.open();
  } catch {
    report({ kind: 'ended', attemptId, at: at(), code: CALL_LOSS, hangup: null });
    return;
  }
  const offer = buildOffer({ address: opts.media.address, port: media.port, sessionId: String(attemptId) });
  let line: SipLine | null = null;
  let ended = false;
  let calleeHungUp = false;
  const end = async (code: string, hangup: 'user' | 'robot' | null) => {
    if (ended) return;
    ended = true;
    const when = at();
    const recordingMs = await media.close().catch(() => null);
    report({ kind: 'ended', attemptId, at: when, code, hangup, ...(recordingMs === null ? {} : { recordingMs: Math.round(recordingMs) }) });
  };
  const call = opts.ua.call({ caller: r.caller, callee: r.number, offer }, {
    ringing: () => report({ kind: 'ringing', attemptId, at: at() }),
    earlyMedia: (_answer, reasons) => {
      const detected = earlyMediaCode(reasons);
      if (detected) report({ kind: 'early-media', attemptId, at: at(), detected });
    },
    answered: (answer) => {
      media.start(answer, opts.recordingsDir ? path.join(opts.recordingsDir, String(r.taskId), `${attemptId}.wav`) : null);
      const recognizer = opts.recognizer;
      const recognize = recognizer ? (pcm: Int16Array) => recognizer({ taskId: r.taskId, callId: attemptId, pcm }) : null;
      line = new SipLine(media, opts.speech, opts.noInputMs, opts.wallNow(), opts.wallNow, () => {
        // The callee hung up: the SIP call is over already. Otherwise the robot ends it (BYE), also
        // when the conversation stopped because the media failed: the trunk's leg must not stay up.
        if (calleeHungUp) void end(HUNG_UP_EARLY, 'user');
        else call.hangup();
      }, recognize);
      report({ kind: 'answered', attemptId, at: at(), line });
    },
    ended: (result) => {
      if (!result.answered) {
        void end(result.code, null);
        return;
      }
      if (result.by === 'user') {
        // The conversation hears it, finishes the line, and that ends the call (above).
        calleeHungUp = true;
        if (line) line.remoteHangup();
        else void end(HUNG_UP_EARLY, 'user');
        return;
      }
      void end(ANSWERED, 'robot');
    },
  });
}
