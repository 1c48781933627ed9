// The media of one call (docs/decisions.md D15): RTP on a port of the pool, a G.711 frame every 20 ms
// on the shared clock once the call is answered (the robot's speech from the play queue, silence
// between); the callee's audio and RFC 4733 keys read as they come. Symmetric RTP: once the far end's
// packets arrive, replies go where they come from (a callee behind NAT). The recorder, if any, gets
// both sides frame by frame, the callee's placed by RTP timestamp a few frames behind, so packets
// that come late or out of order still land where they belong.
import type { Socket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import { decode, encode } from './g711.js';
import { FRAME_SAMPLES, type MediaClock } from './media-clock.js';
import type { PortPool } from './port-pool.js';
import { eventDigit, readRtp, readTelephoneEvent, writeRtp } from './rtp-packet.js';
import { OFFERED_EVENT_TYPE, PAYLOAD_TYPES, type Answer } from './sdp.js';
import type { WavRecorder } from './wav-recorder.js';

/** How many frames the recording runs behind the send clock: room for the callee's jitter. */
const RECORD_DELAY = 5;
const SILENT_FRAME = new Int16Array(FRAME_SAMPLES);

export interface MediaStats { sent: number; received: number; digits: number; dropped: number }

interface Playing { pcm: Int16Array; at: number; done: (completed: boolean) => void }

export class MediaSession {
  private remote: { address: string; port: number } | null = null;
  private answer: Answer | null = null;
  private latched = false;
  private unsubscribe: (() => void) | null = null;
  private sequence = randomInt(0, 0x10000);
  private timestamp = randomInt(0, 0x1_0000_0000);
  private readonly ssrc = randomInt(0, 0x1_0000_0000);
  private queue: Playing[] = [];
  private frames = 0;
  private readonly robotFrames = new Map<number, Int16Array>();
  private readonly calleeFrames = new Map<number, Int16Array>();
  private calleeOrigin: { frame: number; timestamp: number } | null = null;
  private readonly seenEvents = new Set<number>();
  private recorder: WavRecorder | null = null;
  readonly stats: MediaStats = { sent: 0, received: 0, digits: 0, dropped: 0 };
  /** A key the callee pressed (once per key press). */
  onDigit: (digit: string) => void = () => {};
  /** The callee's audio as it comes, a packet's samples at a time (speech recognition listens here); null: nobody listens. */
  onAudio: ((pcm: Int16Array) => void) | null = null;

  private constructor(private readonly socket: Socket, readonly port: number, private readonly clock: MediaClock) {
    socket.on('message', (data, from) => this.receive(data, from));
    socket.on('error', () => {});
  }

  static async open(pool: PortPool, clock: MediaClock): Promise<MediaSession> {
    const { socket, port } = await pool.take();
    return new MediaSession(socket, port, clock);
  }

  /** The call is answered: frames go to the answer's address from now on, recorded if `recorder`. */
  start(answer: Answer, recorder: WavRecorder | null): void {
    this.answer = answer;
    if (!this.latched) this.remote = { address: answer.address, port: answer.port };
    this.recorder = recorder;
    this.unsubscribe ??= this.clock.subscribe(() => this.tick());
  }

  /** Queues speech (8 kHz linear); resolves true once its last frame is sent, false if the session stopped first. */
  play(pcm: Int16Array): Promise<boolean> {
    return new Promise((done) => this.queue.push({ pcm, at: 0, done }));
  }

  /** Stops what is playing and queued (the callee hung up, or spoke over it). */
  interrupt(): void {
    for (const p of this.queue.splice(0)) p.done(false);
  }

  private tick(): void {
    const frame = this.nextFrame();
    if (this.answer && this.remote) {
      const payload = encode(this.answer.codec, frame);
      const packet = writeRtp({
        payloadType: PAYLOAD_TYPES[this.answer.codec], marker: this.stats.sent === 0, sequence: this.sequence++,
        timestamp: this.timestamp, ssrc: this.ssrc, payload,
      });
      try {
        this.socket.send(packet, this.remote.port, this.remote.address);
        this.stats.sent++;
      } catch {
        this.stats.dropped++; // a destination no socket can send to: the frame is lost, not the thread
      }
    }
    this.timestamp = (this.timestamp + FRAME_SAMPLES) >>> 0;
    if (this.recorder) {
      this.robotFrames.set(this.frames, frame);
      this.record(this.frames - RECORD_DELAY);
    }
    this.frames++;
  }

  private nextFrame(): Int16Array {
    const p = this.queue[0];
    if (!p) return SILENT_FRAME;
    const frame = new Int16Array(FRAME_SAMPLES);
    frame.set(p.pcm.subarray(p.at, p.at + FRAME_SAMPLES));
    p.at += FRAME_SAMPLES;
    if (p.at >= p.pcm.length) {
      this.queue.shift();
      p.done(true);
    }
    return frame;
  }

  private record(frame: number): void {
    if (frame < 0 || !this.recorder) return;
    this.recorder.write(this.robotFrames.get(frame) ?? SILENT_FRAME, this.calleeFrames.get(frame) ?? null);
    this.robotFrames.delete(frame);
    this.calleeFrames.delete(frame);
  }

  private receive(data: Buffer, from: { address: string; port: number }): void {
    const packet = readRtp(data);
    if (!packet || !this.answer) {
      this.stats.dropped++;
      return;
    }
    // Strict RTP: only the far end's packets count, from the address and port its SDP names (a
    // trunk's media server sends from where it receives). Only when that address is a private one
    // (a callee behind NAT, whose packets come from its router's address and port) is the first
    // packet's source learned instead (symmetric RTP), and from then on only that source counts.
    // Anything else (someone spraying the ports, to hear the robot or press keys) is dropped.
    if (!this.latched) {
      const named = from.address === this.answer.address && from.port === this.answer.port;
      if (!named && !isPrivate(this.answer.address)) {
        this.stats.dropped++;
        return;
      }
      this.latched = true;
      this.remote = { address: from.address, port: from.port };
    } else if (from.address !== this.remote!.address || from.port !== this.remote!.port) {
      this.stats.dropped++;
      return;
    }
    this.stats.received++;
    if (packet.payloadType === this.answer.eventType || packet.payloadType === OFFERED_EVENT_TYPE) {
      const event = readTelephoneEvent(packet.payload);
      const digit = event ? eventDigit(event.event) : null;
      // One key press is many packets with one timestamp (the end one sent three times).
      if (digit !== null && !this.seenEvents.has(packet.timestamp)) {
        this.seenEvents.add(packet.timestamp);
        this.stats.digits++;
        this.onDigit(digit);
      }
      return;
    }
    if (packet.payloadType !== PAYLOAD_TYPES.PCMU && packet.payloadType !== PAYLOAD_TYPES.PCMA) return;
    if (!this.recorder && !this.onAudio) return;
    const pcm = decode(packet.payloadType === PAYLOAD_TYPES.PCMU ? 'PCMU' : 'PCMA', packet.payload);
    this.onAudio?.(pcm);
    if (!this.recorder) return;
    this.calleeOrigin ??= { frame: this.frames, timestamp: packet.timestamp };
    const offset = ((packet.timestamp - this.calleeOrigin.timestamp) | 0) / FRAME_SAMPLES;
    const frame = this.calleeOrigin.frame + Math.round(offset);
    // Too late to be recorded, or absurdly far ahead: not kept.
    if (frame < this.frames - RECORD_DELAY || frame > this.frames + 50) return;
    this.calleeFrames.set(frame, pcm);
  }

  /** Ends the media: what is queued is dropped, the recording gets its last frames, the port goes back to the pool. */
  async close(): Promise<number | null> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.interrupt();
    let recordedMs: number | null = null;
    if (this.recorder) {
      for (let f = Math.max(0, this.frames - RECORD_DELAY); f < this.frames; f++) this.record(f);
      recordedMs = await this.recorder.close();
      this.recorder = null;
    }
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
    return recordedMs;
  }
}

/** RFC 1918 and RFC 4193 addresses: what a callee behind NAT puts in its SDP. */
function isPrivate(address: string): boolean {
  return /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.)/.test(address) || /^f[cd][0-9a-f]{2}:/i.test(address);
}
