// A robotcall server for the heap benchmark (bench/heap.ts), run with --expose-gc: on SIGUSR2 it
// collects garbage and prints `memory <heapUsed + arrayBuffers>`, the bytes the process keeps.
import pino from 'pino';
import { loadConfig } from '../src/config.js';
import { startRobotcall } from '../src/main.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const server = await startRobotcall(loadConfig(process.env, { port: 0, engine: 'off', logLevel: 'silent' }), { log: pino({ level: 'silent' }) });
process.on('SIGUSR2', () => {
  // Twice: the first pass can leave objects that only a second finds unreachable (weak refs, finalizers).
  gc();
  gc();
  const m = process.memoryUsage();
  console.log(`memory ${m.heapUsed + m.arrayBuffers}`);
});
process.on('SIGTERM', () => { void server.close().then(() => process.exit(0)); });
console.log(`heap server ready on ${server.url}`);
