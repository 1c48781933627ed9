#!/usr/bin/env node
// Plain-JS entry so `robotcall` runs with bare node after `npm ci` (which compiles src/ in `prepare`).
import { main } from '../dist/cli/main.js';

main(process.argv).catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
