// The engine bench's table: each engine row beside its raw baseline (same kind of database, as many
// connections as engine processes, same run), the ratio of medians, and how PostgreSQL scales.
import { describe, type Observation } from './observe.js';
import { CALLEES } from './task.js';
import { CLAIM } from './raw.js';

export interface EngineRows {
  embedded: { engine: number[]; raw: number[] };
  /** By number of processes (and of raw connections). */
  postgres: Map<number, { engine: number[]; raw: number[]; dispatchS: number[]; observation: Observation; notes: string[] }>;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const runs = (xs: number[]) => xs.map((x) => Math.round(x).toLocaleString('en')).join(', ');
const rate = (xs: number[]) => Math.round(median(xs)).toLocaleString('en');
const processes = (n: number) => `${n} process${n === 1 ? '' : 'es'}`;

export function printEngineTable(rows: EngineRows, rounds: { embedded: number; postgres: number }): void {
  const pgOne = rows.postgres.get(1);
  const table = [{
    engine: 'embedded (PGlite), 1 process', 'callees/s': rate(rows.embedded.engine), runs: runs(rows.embedded.engine),
    'raw baseline': 'PGlite, 1 connection', 'raw rows/s': rate(rows.embedded.raw), 'raw runs': runs(rows.embedded.raw),
    'engine/raw': (median(rows.embedded.engine) / median(rows.embedded.raw)).toFixed(2), 'engine vs 1 proc': '', 'raw vs 1 conn': '',
  }];
  for (const [n, r] of rows.postgres) {
    table.push({
      engine: `PostgreSQL, ${processes(n)}`, 'callees/s': rate(r.engine), runs: runs(r.engine),
      'raw baseline': `PostgreSQL, ${n} connection${n === 1 ? '' : 's'}`, 'raw rows/s': rate(r.raw), 'raw runs': runs(r.raw),
      'engine/raw': (median(r.engine) / median(r.raw)).toFixed(2),
      'engine vs 1 proc': pgOne ? (median(r.engine) / median(pgOne.engine)).toFixed(2) : '',
      'raw vs 1 conn': pgOne ? (median(r.raw) / median(pgOne.raw)).toFixed(2) : '',
    });
  }
  console.log(`\nEngine throughput: a ${CALLEES.toLocaleString('en')}-callee task from StartRobotTask to FINISH (--carrier-timing zero, `
    + `manual clock advanced a day, limits out of the way), beside raw claim ${CLAIM.toLocaleString('en')} with for update skip locked + mark done; `
    + `medians of ${rounds.embedded} rounds embedded${rows.postgres.size > 0 ? `, ${rounds.postgres} on PostgreSQL` : ''}`);
  console.table(table);
  if (rows.postgres.size === 0) return;
  console.log('Where the PostgreSQL runs spent their time (all rounds; dispatch: until EXCUTING, the one batch made into callees by one process):');
  for (const [n, r] of rows.postgres) {
    console.log(`  ${processes(n)}: dispatch ${median(r.dispatchS).toFixed(1)} s of ${(CALLEES / median(r.engine)).toFixed(1)} s (medians); ${describe(r.observation)}`);
    for (const note of new Set(r.notes)) console.log(`    note: ${note}`);
  }
}
