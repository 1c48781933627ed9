// Where the callee's utterance starts and ends in the audio of a live call, for speech recognition
// (docs/decisions.md D15): by energy, packet by packet (20 ms each, as G.711 goes). Speech starts after START_FRAMES loud
// frames in a row and ends after END_FRAMES quiet ones, or at MAX_FRAMES; the utterance keeps a
// little of the audio before its start, where a soft first syllable was.

/** RMS above this (of 32,768) is speech; below QUIET, silence; between, neither changes the state. */
const LOUD = 600;
const QUIET = 300;
const START_FRAMES = 3;
const END_FRAMES = 35;
const MAX_FRAMES = 750;
const PRE_ROLL = 10;

export class UtteranceDetector {
  private readonly before: Int16Array[] = [];
  private speech: Int16Array[] | null = null;
  private loudRun = 0;
  private quietRun = 0;

  /** True once an utterance has started (the caller stops counting silence toward its timeout). */
  get speaking(): boolean {
    return this.speech !== null;
  }

  /** Adds a frame of the callee's audio; returns the whole utterance when this frame ends it. */
  push(frame: Int16Array): Int16Array | null {
    const level = rms(frame);
    if (this.speech === null) {
      this.before.push(frame);
      if (this.before.length > PRE_ROLL + START_FRAMES) this.before.shift();
      this.loudRun = level > LOUD ? this.loudRun + 1 : 0;
      if (this.loudRun >= START_FRAMES) {
        this.speech = this.before.splice(0);
        this.quietRun = 0;
      }
      return null;
    }
    this.speech.push(frame);
    this.quietRun = level < QUIET ? this.quietRun + 1 : 0;
    if (this.quietRun < END_FRAMES && this.speech.length < MAX_FRAMES) return null;
    return this.end();
  }

  /**
   * Ends the utterance under way (the callee's audio stopped coming: silence suppressed, or the
   * stream ended) and returns it; null when none is.
   */
  end(): Int16Array | null {
    if (this.speech === null) return null;
    const frames = this.speech.slice(0, this.speech.length - Math.min(this.quietRun, END_FRAMES));
    this.speech = null;
    this.loudRun = 0;
    const out = new Int16Array(frames.reduce((n, f) => n + f.length, 0));
    let at = 0;
    for (const f of frames) {
      out.set(f, at);
      at += f.length;
    }
    return out;
  }
}

function rms(frame: Int16Array): number {
  let sum = 0;
  for (let i = 0; i < frame.length; i++) sum += frame[i]! * frame[i]!;
  return Math.sqrt(sum / Math.max(1, frame.length));
}
