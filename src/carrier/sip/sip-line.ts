// The line of an answered SIP call, as the robot's conversation meets it (carrier.ts LiveLine): the
// robot's text is synthesized and played over RTP; an ask waits for a key (RFC 4733), an utterance
// the speech recognizer understood (when one is configured), the no-input timeout (silence, the
// dialog's default path), or the callee's hang-up, whichever comes first. Keys pressed
// while the robot speaks are kept for the next ask, in order (at most MAX_KEYS).
import type { LiveLine } from '../carrier.js';
import type { Reply } from '../../dialog/run-dialog.js';
import type { CallMedia } from './media-thread.js';
import type { SpeechCache } from './speech.js';
import { UtteranceDetector } from './utterance-detector.js';

const MAX_KEYS = 16;
/** No audio for this long ends an utterance (as that much quiet audio would, utterance-detector.ts). */
const AUDIO_GONE_MS = 700;

export class SipLine implements LiveLine {
  readonly kind = 'live';
  private hungUp = false;
  private readonly keys: string[] = [];
  private waiting: ((reply: Reply) => void) | null = null;
  private finished = false;

  constructor(
    private readonly media: CallMedia,
    private readonly speech: SpeechCache,
    private readonly noInputMs: number,
    private readonly answeredAtWall: number,
    private readonly wallNow: () => number,
    private readonly onFinish: (by: 'user' | 'robot') => void,
    /** Turns an utterance of the callee into text (speech-recognizer.ts); null: keys only. */
    private readonly recognize: ((pcm: Int16Array) => Promise<string | null>) | null = null,
  ) {
    media.onDigit = (digit) => this.key(digit);
  }

  async speak(text: string, personal: boolean): Promise<boolean> {
    if (this.hungUp) return false;
    const pcm = await this.speech.speak(text, { keep: !personal });
    if (this.hungUp) return false;
    return this.media.play(pcm);
  }

  listen(): Promise<Reply> {
    if (this.hungUp) return Promise.resolve({ hangup: true });
    const key = this.keys.shift();
    if (key !== undefined) return Promise.resolve({ say: key });
    return new Promise((resolve) => {
      let done = false;
      let timer: NodeJS.Timeout;
      const finish = (reply: Reply) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        this.waiting = null;
        this.media.onAudio = null;
        resolve(reply);
      };
      const detector = this.recognize ? new UtteranceDetector() : null;
      let lastAudio = this.wallNow();
      const understand = (utterance: Int16Array) => {
        this.media.onAudio = null;
        clearTimeout(timer);
        // A key or the hang-up may still come first; the recognizer's own timeout bounds the wait.
        void this.recognize!(utterance).then((text) => finish(text ? { say: text } : { silence: true }));
      };
      // No input by the timeout; a callee still speaking then is heard out, until their audio
      // stops coming (a phone that suppresses silence sends none).
      const expire = () => {
        if (!detector?.speaking) return finish({ silence: true });
        const ended = this.wallNow() - lastAudio > AUDIO_GONE_MS ? detector.end() : null;
        if (ended) understand(ended);
        else timer = setTimeout(expire, 100);
      };
      timer = setTimeout(expire, this.noInputMs);
      this.waiting = finish;
      if (detector) {
        this.media.onAudio = (pcm) => {
          lastAudio = this.wallNow();
          const utterance = detector.push(pcm);
          if (utterance) understand(utterance);
        };
      }
    });
  }

  elapsedMs(): number {
    return this.wallNow() - this.answeredAtWall;
  }

  finish(by: 'user' | 'robot'): void {
    if (this.finished) return;
    this.finished = true;
    this.onFinish(this.hungUp ? 'user' : by);
  }

  /** The callee hung up: what plays stops, what waits hears the hang-up. */
  remoteHangup(): void {
    this.hungUp = true;
    this.media.interrupt();
    this.waiting?.({ hangup: true });
  }

  private key(digit: string): void {
    if (this.waiting) this.waiting({ say: digit });
    else if (this.keys.length < MAX_KEYS) this.keys.push(digit);
  }
}
