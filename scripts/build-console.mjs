// Builds the web console (docs/console.md) into dist/public/console/ (or `--out DIR`): index.html and one minified
// script and stylesheet.
// The server sends them under a strict CSP, so everything the page runs must be in these files.
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Not dist/console/: that is where tsc puts the server's console routes (src/console/).
const outFlag = process.argv.indexOf('--out');
const out = outFlag > 0 ? resolve(process.argv[outFlag + 1]) : join(root, 'dist', 'public', 'console');
const assets = join(out, 'assets');
/** A console page should load quickly on a phone; past this something heavy slipped into the bundle. */
const GZIP_BUDGET = 300 * 1024;

// A stale asset from an earlier build would be served beside the new ones.
await rm(out, { recursive: true, force: true });
await mkdir(assets, { recursive: true });

await build({
  absWorkingDir: root,
  entryPoints: ['console/src/main.tsx'],
  outfile: join(assets, 'app.js'),
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Chart.js's MIT notice stays with its code.
  legalComments: 'eof',
  logLevel: 'warning',
});
await copyFile(join(root, 'console', 'index.html'), join(out, 'index.html'));

let total = 0;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const file of ['index.html', 'assets/app.js', 'assets/app.css']) {
  const bytes = await readFile(join(out, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  total += gz;
  console.log(`${relative(root, join(out, file)).padEnd(28)} ${kb(bytes.length).padStart(10)}  gzip ${kb(gz).padStart(9)}`);
}
console.log(`${'total (gzip)'.padEnd(28)} ${''.padStart(10)}       ${kb(total).padStart(9)}`);
if (total > GZIP_BUDGET) {
  console.error(`the console is ${kb(total)} gzipped, over the ${kb(GZIP_BUDGET)} budget`);
  process.exit(1);
}
