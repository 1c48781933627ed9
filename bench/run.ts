// `npm run bench`: every benchmark, each against a baseline measured in the same run.
// BENCH_ONLY=engine (or a comma-separated list of gateway, cpu, heap, upload, import, engine, due, sip) runs only those.
import { benchDueCount } from './due-count.js';
import { benchEngine } from './engine.js';
import { benchGateway } from './gateway.js';
import { benchHeap } from './heap.js';
import { benchImport } from './import.js';
import { benchRequestCpu } from './request-cpu.js';
import { benchSipLoad } from './sip-load.js';
import { benchUpload } from './upload.js';

const BENCHES = {
  gateway: benchGateway, cpu: benchRequestCpu, heap: benchHeap, upload: benchUpload, import: benchImport, engine: benchEngine, due: benchDueCount,
  sip: benchSipLoad,
};
const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
const unknown = only?.filter((name) => !(name in BENCHES)) ?? [];
if (unknown.length > 0) throw new Error(`BENCH_ONLY: no bench named ${unknown.join(', ')} (there are ${Object.keys(BENCHES).join(', ')})`);

for (const [name, bench] of Object.entries(BENCHES)) {
  if (!only || only.includes(name)) await bench();
}
