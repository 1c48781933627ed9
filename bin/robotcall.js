#!/usr/bin/env node
// Plain-JS entry so `robotcall` runs with bare node after `npm ci` (which compiles src/ in `prepare`).
import '../dist/cli/bin.js';
