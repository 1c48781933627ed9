#!/usr/bin/env node
// `npm test`: Node 20's --test neither expands globs nor finds .ts files, so this lists them
// (src/**/*.test.ts unit tests, test/**/*.test.ts integration), fails on an empty list, sets a
// per-test timeout and loads the leak guard. Arguments narrow the list: `npm test -- signature`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

// With DB=postgres only the integration tests run (test/): the unit tests beside the source open no
// store, so a second run of them proves nothing and costs a process start each.
const roots = process.env.DB === 'postgres' ? ['test'] : ['src', 'test'];
const filters = process.argv.slice(2);
const files = roots
  .flatMap((root) => readdirSync(root, { recursive: true }).map((f) => path.join(root, String(f))))
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

if (files.length === 0) {
  console.error(`no test files found${filters.length ? ` matching ${filters.join(', ')}` : ''}`);
  process.exit(1);
}
// Tests start the CLI as child processes hundreds of times: from the compiled tree, built here from
// this checkout's source, a start costs half the CPU it does through tsx (test/support/process.ts).
console.error('compiling src/ to dist/ for the CLI tests (tsc -p tsconfig.build.json)');
const built = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

// Two files at a time (node's default is one fewer than the cores: one, on the 2-vCPU CI machine): most
// of a file's time is waiting on servers, timers and child processes, and two at once took the embedded
// suites from ~22 to ~16 minutes there, PostgreSQL's from ~13 to ~9, all passing.
console.error(`running ${files.length} test files, two at a time${process.env.DB ? ` (DB=${process.env.DB})` : ''}`);
const result = spawnSync(process.execPath, [
  '--import', 'tsx', '--import', './test/support/leak-guard.mjs',
  '--test', '--test-concurrency=2', '--test-timeout=120000', ...files,
], { stdio: 'inherit', env: { ...process.env, ROBOTCALL_TEST_CLI: 'dist' } });
process.exit(result.status ?? 1);
