// The robot's voice (docs/decisions.md D15): each `say` text synthesized offline by espeak-ng (Debian
// package espeak-ng), Mandarin for text with Chinese characters and English otherwise, resampled to
// 8 kHz for G.711 and cached on disk by voice and text, so a prompt is synthesized once however many
// calls speak it. The text goes to espeak-ng on stdin, never as an argument (a text starting with a
// dash would be read as an option).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { resample } from './resample.js';

export const SPEECH_RATE = 8000;
const SYNTHESIS_TIMEOUT_MS = 30_000;

/** Why synthesis cannot run here, or null. */
export function espeakMissing(): string | null {
  return spawnSync('espeak-ng', ['--version'], { stdio: 'ignore' }).error
    ? 'espeak-ng is not installed: apt-get install -y espeak-ng'
    : null;
}

export const voiceFor = (text: string): string => (/[\u3400-\u9fff\uf900-\ufaff]/.test(text) ? 'cmn' : 'en');

export class SpeechCache {
  private readonly inFlight = new Map<string, Promise<Int16Array>>();
  private readonly memory = new Map<string, Int16Array>();

  /** `dir`: where synthesized prompts are kept (created if missing). `memoryEntries`: how many stay in memory too. */
  constructor(private readonly dir: string, private readonly memoryEntries = 256) {}

  /**
   * 8 kHz 16-bit speech of `text`. `keep: false` for a text with a callee's own values in it: its
   * audio stays in memory only, never on disk, where it would outlive the task and its recordings.
   */
  async speak(text: string, { keep = true }: { keep?: boolean } = {}): Promise<Int16Array> {
    const voice = voiceFor(text);
    const key = createHash('sha256').update(`${voice}\0${text}`).digest('hex');
    const cached = this.memory.get(key);
    if (cached) return cached;
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = (keep ? this.load(key, voice, text) : synthesize(voice, text)).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    const pcm = await pending;
    this.remember(key, pcm);
    return pcm;
  }

  private async load(key: string, voice: string, text: string): Promise<Int16Array> {
    const file = path.join(this.dir, `${key}.pcm`);
    try {
      const bytes = await readFile(file);
      return new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length - (bytes.length % 2)));
    } catch { /* not cached yet */ }
    const pcm = await synthesize(voice, text);
    await mkdir(this.dir, { recursive: true });
    const part = `${file}.${process.pid}.part`;
    await writeFile(part, Buffer.from(pcm.buffer, pcm.byteOffset, pcm.byteLength));
    await rename(part, file); // whole or absent: two processes may write it at once
    return pcm;
  }

  private remember(key: string, pcm: Int16Array): void {
    this.memory.delete(key);
    this.memory.set(key, pcm);
    if (this.memory.size > this.memoryEntries) this.memory.delete(this.memory.keys().next().value!);
  }
}

/** Runs espeak-ng for one text: its WAV (mono 16-bit at its own rate) resampled to 8 kHz. */
async function synthesize(voice: string, text: string): Promise<Int16Array> {
  // A text is at most 500 characters plus its variables; this is minutes of margin for one.
  const child = spawn('espeak-ng', ['-v', voice, '--stdout'], { stdio: ['pipe', 'pipe', 'pipe'], timeout: SYNTHESIS_TIMEOUT_MS });
  const out: Buffer[] = [];
  let err = '';
  child.stdout.on('data', (d: Buffer) => out.push(d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => { err += d; });
  child.stdin.end(text);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`espeak-ng exited ${code ?? 'on a signal (too slow?)'}: ${err.trim().slice(0, 200)}`);
  const { rate, samples } = readWav(Buffer.concat(out));
  return resample(samples, rate, SPEECH_RATE);
}

/** The samples of a mono 16-bit PCM WAV; espeak-ng streams it with an unknown size, so the data runs to the end. */
export function readWav(wav: Buffer): { rate: number; samples: Int16Array } {
  if (wav.length < 44 || wav.toString('ascii', 0, 4) !== 'RIFF' || wav.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a WAV file');
  let at = 12;
  let rate = 0;
  while (at + 8 <= wav.length) {
    const id = wav.toString('ascii', at, at + 4);
    const size = wav.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      if (wav.readUInt16LE(at + 8) !== 1 || wav.readUInt16LE(at + 10) !== 1 || wav.readUInt16LE(at + 22) !== 16) throw new Error('not mono 16-bit PCM');
      rate = wav.readUInt32LE(at + 12);
    } else if (id === 'data') {
      const end = Math.min(wav.length, at + 8 + size);
      const bytes = wav.subarray(at + 8, end - ((end - at - 8) % 2));
      const samples = new Int16Array(bytes.length / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2);
      if (!rate) throw new Error('WAV data before its format');
      return { rate, samples };
    }
    at += 8 + size + (size % 2);
  }
  throw new Error('WAV without data');
}
