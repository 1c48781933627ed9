// Memory kept per accepted request under sustained signed load (issue: nonce memory). A server run
// with --expose-gc (bench/heap-server.ts) reports heapUsed + arrayBuffers after a full gc; the
// growth across rounds of v1-signed requests, each with a fresh nonce, divided by the requests
// accepted, is what replay protection (and anything else) keeps per request. Target ≤ 40 B.
import { rmSync } from 'node:fs';
import { nodeProcess } from '../test/support/process.js';
import { send, signV1 } from '../test/support/raw-request.js';
import { TEST_KEY, freshDataDir } from '../test/support/test-server.js';
import { signedLoad } from './signed-load.js';

const ROUNDS = Number(process.env.BENCH_HEAP_ROUNDS ?? 4);
// Short rounds: the load generator signs each round's requests up front and holds them in memory.
const SECONDS = 5;
// Requests with one large signed parameter (an unknown one, ignored but signed): each used to keep
// its whole text alive as long as its nonce was remembered.
const LARGE = { count: 20, bytes: 7 * 1024 * 1024 };

export async function benchHeap(): Promise<void> {
  const dataDir = await freshDataDir();
  const server = nodeProcess(['--expose-gc', 'bench/heap-server.ts'], {
    ROBOTCALL_DATA_DIR: dataDir, ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret,
  }, /heap server ready on (http:\/\/\S+)/);
  const measure = async () => {
    const seen = (server.stdout().match(/^memory \d+$/gm) ?? []).length;
    server.child.kill('SIGUSR2');
    for (;;) {
      const lines = server.stdout().match(/^memory (\d+)$/gm) ?? [];
      if (lines.length > seen) return Number(lines.at(-1)!.slice('memory '.length));
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  try {
    const url = await server.ready();
    const load = () => signedLoad({
      url, action: 'QueryRobotTaskList', params: {}, keyId: TEST_KEY.accessKeyId, secret: TEST_KEY.accessKeySecret, connections: 32, seconds: SECONDS,
    });
    await load(); // warm-up: code compiled, pools and the first minutes' tables allocated
    const before = await measure();
    let accepted = 0;
    let refused = 0;
    for (let i = 0; i < ROUNDS; i++) {
      const r = await load();
      accepted += r.total - r.non2xx - r.errors;
      refused += r.non2xx + r.errors;
    }
    const afterLoad = await measure();
    const port = Number(new URL(url).port);
    let large = 0;
    for (let i = 0; i < LARGE.count; i++) {
      const req = signV1({ Action: 'QueryRobotTaskList', Pad: 'x'.repeat(LARGE.bytes) }, { ...TEST_KEY, secret: TEST_KEY.accessKeySecret, method: 'POST', inBody: true });
      if ((await send(port, req)).status === 200) large++;
    }
    const afterLarge = await measure();
    const row = (what: string, n: number, grown: number) => ({ requests: what, accepted: n, 'heap+arrayBuffers growth (bytes)': grown, 'bytes per accepted request': Number((grown / n).toFixed(1)) });
    console.log(`\nMemory kept per accepted request (heapUsed + arrayBuffers after gc), embedded store; ${refused} refused`);
    console.table([
      row(`QueryRobotTaskList, v1-signed GET, fresh nonce each, 32 connections, ${ROUNDS} rounds x ${SECONDS} s`, accepted, afterLoad - before),
      row(`the same, POST with a ${LARGE.bytes / 1024 / 1024} MiB signed parameter, one at a time`, large, afterLarge - afterLoad),
    ]);
    console.log('target ≤ 40 B per request');
  } finally {
    server.child.kill('SIGTERM');
    await server.exited();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
