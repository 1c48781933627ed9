// The line of an answered SIP call, as the robot's conversation meets it (carrier.ts LiveLine): the
// robot's text is synthesized and played over RTP; an ask waits for a key (RFC 4733), or for the
// no-input timeout (silence, the dialog's default path), or for the callee to hang up. Keys pressed
// while the robot speaks are kept for the next ask, in order (at most MAX_KEYS).
import type { LiveLine } from '../carrier.js';
import type { Reply } from '../../dialog/run-dialog.js';
import type { MediaSession } from './media-session.js';
import type { SpeechCache } from './speech.js';

const MAX_KEYS = 16;

export class SipLine implements LiveLine {
  readonly kind = 'live';
  private hungUp = false;
  private readonly keys: string[] = [];
  private waiting: ((reply: Reply) => void) | null = null;
  private finished = false;

  constructor(
    private readonly media: MediaSession,
    private readonly speech: SpeechCache,
    private readonly noInputMs: number,
    private readonly answeredAtWall: number,
    private readonly wallNow: () => number,
    private readonly onFinish: (by: 'user' | 'robot') => void,
  ) {
    media.onDigit = (digit) => this.key(digit);
  }

  async speak(text: string): Promise<boolean> {
    if (this.hungUp) return false;
    const pcm = await this.speech.speak(text);
    if (this.hungUp) return false;
    return this.media.play(pcm);
  }

  listen(): Promise<Reply> {
    if (this.hungUp) return Promise.resolve({ hangup: true });
    const key = this.keys.shift();
    if (key !== undefined) return Promise.resolve({ say: key });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        resolve({ silence: true });
      }, this.noInputMs);
      this.waiting = (reply) => {
        clearTimeout(timer);
        this.waiting = null;
        resolve(reply);
      };
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
