// The engine bench's table: each engine row beside its raw baseline (same kind of database, as many
// connections as engine processes, same run), the ratio of medians, and how PostgreSQL scales.
import { describe, type Observation } from './observe.js';
import { CALLEES, CLOCK } from './task.js';
import { CLAIM } from './raw.js';

export interface EngineRows {
  embedded: { engine: number[]; raw: number[] };
  /** By number of processes (and of raw connections); an engine run that stalled is null. */
  postgres: Map<number, { engine: Array<number | null>; raw: number[]; dispatchS: number[]; observation: Observation; notes: string[] }>;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const finished = (xs: Array<number | null>) => xs.filter((x): x is number => x !== null);
const runs = (xs: Array<number | null>) => xs.map((x) => (x === null ? 'stalled' : Math.round(x).toLocaleString('en'))).join(', ');
const rate = (xs: Array<number | null>) => (finished(xs).length > 0 ? Math.round(median(finished(xs))).toLocaleString('en') : '—');
/** a / b of the medians of the runs that finished, or — if either has none. */
const ratio = (a: Array<number | null>, b: Array<number | null>) =>
  (finished(a).length > 0 && finished(b).length > 0 ? (median(finished(a)) / median(finished(b))).toFixed(2) : '—');
/**
 * engine / raw of each round (each engine run beside the raw run that followed it): on a shared
 * machine the raw rate alone moved 24,000-41,000 rows/s within one run, so the rounds' own ratios
 * show the spread the ratio of medians hides.
 */
const roundRatios = (a: Array<number | null>, b: Array<number | null>) =>
  a.map((x, i) => (x === null || b[i] === null || b[i] === undefined ? '—' : (x / b[i]!).toFixed(2))).join(', ');
const processes = (n: number) => `${n} process${n === 1 ? '' : 'es'}`;

export function printEngineTable(rows: EngineRows, rounds: { embedded: number; postgres: number }): void {
  const pgOne = rows.postgres.get(1);
  const table = [{
    engine: 'embedded (PGlite), 1 process', 'callees/s': rate(rows.embedded.engine), runs: runs(rows.embedded.engine),
    'raw baseline': 'PGlite, 1 connection', 'raw rows/s': rate(rows.embedded.raw), 'raw runs': runs(rows.embedded.raw),
    'engine/raw': ratio(rows.embedded.engine, rows.embedded.raw), 'each round': roundRatios(rows.embedded.engine, rows.embedded.raw),
    'engine vs 1 proc': '', 'raw vs 1 conn': '',
  }];
  for (const [n, r] of rows.postgres) {
    table.push({
      engine: `PostgreSQL, ${processes(n)}`, 'callees/s': rate(r.engine), runs: runs(r.engine),
      'raw baseline': `PostgreSQL, ${n} connection${n === 1 ? '' : 's'}`, 'raw rows/s': rate(r.raw), 'raw runs': runs(r.raw),
      'engine/raw': ratio(r.engine, r.raw), 'each round': roundRatios(r.engine, r.raw),
      'engine vs 1 proc': pgOne ? ratio(r.engine, pgOne.engine) : '',
      'raw vs 1 conn': pgOne ? ratio(r.raw, pgOne.raw) : '',
    });
  }
  console.log(`\nEngine throughput: a ${CALLEES.toLocaleString('en')}-callee task from StartRobotTask to FINISH (--carrier-timing zero, `
    + `${CLOCK} clock advanced a day, limits out of the way), beside raw claim ${CLAIM.toLocaleString('en')} with for update skip locked + mark done; `
    + `medians of ${rounds.embedded} rounds embedded${rows.postgres.size > 0 ? `, ${rounds.postgres} on PostgreSQL` : ''}`);
  console.table(table);
  if (rows.postgres.size === 0) return;
  console.log('Where the PostgreSQL runs spent their time (runs that finished; dispatch: until EXCUTING, the one batch made into callees by one process):');
  for (const [n, r] of rows.postgres) {
    const done = finished(r.engine);
    if (done.length > 0) {
      console.log(`  ${processes(n)}: dispatch ${median(r.dispatchS).toFixed(1)} s of ${(CALLEES / median(done)).toFixed(1)} s (medians); ${describe(r.observation)}`);
    } else console.log(`  ${processes(n)}: no run finished`);
    for (const note of new Set(r.notes)) console.log(`    note: ${note}`);
  }
}
