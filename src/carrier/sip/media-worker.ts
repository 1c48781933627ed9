// The media of every SIP call, on a thread of its own (docs/decisions.md D15): the 20 ms clock, the
// RTP sockets, keys, the callee's audio and the recordings, away from the engine's database work,
// which holds the main thread for milliseconds at a time (the embedded store runs SQL on it). The
// main thread drives it with the messages of media-thread.ts.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { MediaClock } from './media-clock.js';
import { MediaSession } from './media-session.js';
import { PortPool } from './port-pool.js';
import type { Answer } from './sdp.js';
import { WavRecorder } from './wav-recorder.js';

export type ToMedia =
  | { op: 'open'; id: number }
  | { op: 'start'; id: number; answer: Answer; recordTo: string | null }
  | { op: 'play'; id: number; playId: number; pcm: Int16Array }
  | { op: 'interrupt'; id: number }
  | { op: 'listen'; id: number; on: boolean }
  | { op: 'close'; id: number };

export type FromMedia =
  | { op: 'opened'; id: number; port: number }
  | { op: 'failed'; id: number; error: string }
  | { op: 'played'; id: number; playId: number; completed: boolean }
  | { op: 'digit'; id: number; digit: string }
  | { op: 'audio'; id: number; pcm: Int16Array }
  | { op: 'closed'; id: number; recordedMs: number | null };

export interface MediaWorkerData { address: string; from: number; to: number }

const port = parentPort!;
const { address, from, to } = workerData as MediaWorkerData;
const pool = new PortPool(from, to, address);
const clock = new MediaClock();
const sessions = new Map<number, MediaSession>();
const send = (m: FromMedia) => port.postMessage(m);

port.on('message', (m: ToMedia) => {
  void handle(m).catch((err: unknown) => send({ op: 'failed', id: m.id, error: String(err) }));
});

async function handle(m: ToMedia): Promise<void> {
  if (m.op === 'open') {
    const session = await MediaSession.open(pool, clock);
    session.onDigit = (digit) => send({ op: 'digit', id: m.id, digit });
    sessions.set(m.id, session);
    send({ op: 'opened', id: m.id, port: session.port });
    return;
  }
  const session = sessions.get(m.id);
  if (!session) return;
  switch (m.op) {
    case 'start': {
      // A recording that cannot be made costs the recording, never the call.
      const recorder = m.recordTo ? await openRecorder(m.recordTo).catch(() => null) : null;
      session.start(m.answer, recorder);
      return;
    }
    case 'play':
      send({ op: 'played', id: m.id, playId: m.playId, completed: await session.play(m.pcm) });
      return;
    case 'interrupt':
      session.interrupt();
      return;
    case 'listen':
      session.onAudio = m.on ? (pcm) => send({ op: 'audio', id: m.id, pcm }) : null;
      return;
    case 'close':
      sessions.delete(m.id);
      send({ op: 'closed', id: m.id, recordedMs: await session.close() });
  }
}

async function openRecorder(file: string): Promise<WavRecorder> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  return WavRecorder.create(file);
}
