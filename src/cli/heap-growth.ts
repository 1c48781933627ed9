// How much garbage a long-running process (serve, worker) lets pile up between full collections.
// V8 sets the next full collection at up to four times the heap a collection kept (its factor depends
// on how fast the program allocates against how fast V8 collects; a server's small heap gets the four):
// the server's ~40 MB grew to ~150 MB of heap and ~70 MB of array buffers in a 300,000-row import
// before a collection came, and that memory stayed resident. At 1.5 times the server's RSS grew
// 25-71 MB in the same import instead of 116-156 MB, for ~3 times as many full collections of ~15 ms
// each, ~0.2 s of the server's ~3 s of CPU (bench/import.ts; README "Performance").
import v8 from 'node:v8';

/** The flag as node takes it on its command line, with dashes or underscores. */
const GIVEN = /^--heap[-_]growing[-_]percent(=|$)/;

/**
 * Sets V8's heap growing factor to 1 + percent/100 for this process; 0 leaves V8's own rule, as does
 * a node started with the flag itself (`node --heap-growing-percent=N`), whose value is the operator's.
 * V8 reads the factor each time it sets the next limit, so setting it once the process runs takes.
 */
export function applyHeapGrowth(percent: number, execArgv: readonly string[] = process.execArgv): boolean {
  if (percent === 0 || execArgv.some((arg) => GIVEN.test(arg))) return false;
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
  return true;
}
