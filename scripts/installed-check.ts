// `npm run check:installed` (run by .ci/run): robotcall as users get it. `npm pack`, then a global
// install of the tarball into a temporary prefix from the npm cache `npm ci` filled (no network), and
// `npx robotcall` in the checkout; then, as an unprivileged user with nothing of this checkout on its path:
//   1. `robotcall --version`, and `serve` on a new embedded data dir: health and the console answer;
//   2. the container's layout without Docker: the Dockerfile's ENTRYPOINT + CMD and compose.yaml's
//      serve and two workers, with their environments, on a throwaway PostgreSQL database; the image's
//      HEALTHCHECK command; a small task run to FINISH by the workers through the signed API.
// Exit 0 when all holds; 1 with the failure otherwise. Prints how long each step took.
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { client, data } from '../test/support/clients.js';
import { TEST_KEY, freshDatabase } from '../test/support/test-server.js';
import { readComposeService, readDockerfile } from './installed/image-spec.js';
import { UNPRIVILEGED, dropsPrivileges, run, runsAsRoot, start, type Started } from './installed/processes.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
const tmp = mkdtempSync(path.join(os.tmpdir(), 'robotcall-installed-'));
chmodSync(tmp, 0o755); // the unprivileged user reads the install and writes its own dirs below
const prefix = path.join(tmp, 'prefix');
const running: Started[] = [];
const cleanups: Array<() => Promise<unknown> | unknown> = [() => rmSync(tmp, { recursive: true, force: true })];

function check(ok: unknown, what: string): void {
  if (!ok) throw new Error(what);
}

async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now();
  const result = await fn();
  console.error(`installed-check: ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  return result;
}

/** A directory the installed package may write, as the image's /data and /home/node are the `node` user's. */
function ownDir(name: string): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  if (runsAsRoot) chownSync(dir, UNPRIVILEGED, UNPRIVILEGED);
  return dir;
}

/** Only the installed package and Node on the path; nothing of this checkout or this shell's settings. */
function baseEnv(home: string): Record<string, string> {
  return { PATH: [path.join(prefix, 'bin'), path.dirname(process.execPath), '/usr/bin', '/bin'].join(':'), HOME: home };
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as { port: number };
  await new Promise((resolve) => s.close(resolve));
  return port;
}

async function packAndInstall(): Promise<void> {
  const packed = await step('npm pack', () => run('npm', ['pack', '--pack-destination', tmp], { cwd: ROOT, env: process.env as Record<string, string> }));
  check(packed.code === 0, `npm pack failed:\n${packed.stderr}`);
  const tarball = path.join(tmp, packed.stdout.trim().split('\n').at(-1)!);
  const files = (await run('tar', ['tzf', tarball], { cwd: tmp, env: process.env as Record<string, string> })).stdout.split('\n');
  for (const needed of ['package/bin/robotcall.js', 'package/dist/cli/bin.js', 'package/dist/public/console/index.html', 'package/npm-shrinkwrap.json', 'package/README.md']) {
    check(files.includes(needed), `the package lacks ${needed}`);
  }
  const strays = files.filter((f) => /^package\/(src|test|bench|scripts|console|examples)\/|\.map$|\.test\./.test(f));
  check(strays.length === 0, `the package holds development files: ${strays.slice(0, 5).join(', ')}`);

  const install = (mode: string) => run('npm', ['install', '--global', '--prefix', prefix, mode, '--no-audit', '--no-fund', tarball],
    { cwd: tmp, env: process.env as Record<string, string>, timeoutMs: 300_000 });
  let installed = await step('npm install --global --offline (the npm cache)', () => install('--offline'));
  if (installed.code !== 0 && /ENOTCACHED/.test(installed.stderr)) {
    console.error('installed-check: the npm cache lacks a package; installing with --prefer-offline (the registry for what is missing)');
    installed = await step('npm install --global --prefer-offline', () => install('--prefer-offline'));
  }
  check(installed.code === 0, `npm install of ${tarball} failed:\n${installed.stderr}`);
  // What the lockfile marks dev-only (TypeScript, tsx, esbuild, the test clients…) must not be there.
  // (A runtime dependency may need another version of a dev-only package's name: @types/node@14.)
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; version?: string }> };
  const installedAt = path.join(prefix, 'lib', 'node_modules', 'robotcall');
  const versionAt = (where: string) => {
    const file = path.join(installedAt, where, 'package.json');
    return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version : null;
  };
  const dev = Object.entries(lock.packages).filter(([where, entry]) => where && entry.dev && versionAt(where) === entry.version);
  check(dev.length === 0, `development dependencies were installed: ${dev.slice(0, 5).map(([where]) => where).join(', ')}`);
  check(existsSync(path.join(installedAt, 'node_modules', 'fastify')), 'the runtime dependencies were not installed');
}

/** `npx robotcall` in the checkout runs the checkout's own bin (npm finds it by the package's name). */
async function npxInRepo(): Promise<void> {
  const r = await run('npx', ['--no-install', 'robotcall', '--version'], { cwd: ROOT, env: process.env as Record<string, string> });
  check(r.code === 0 && r.stdout.trim() === pkg.version, `npx robotcall --version in the checkout: ${r.stdout}${r.stderr}`);
}

async function embeddedServe(): Promise<void> {
  const home = ownDir('home');
  const version = await run('robotcall', ['--version'], { cwd: home, env: baseEnv(home), asUser: true });
  check(version.code === 0 && version.stdout.trim() === pkg.version, `robotcall --version: ${version.stdout}${version.stderr}`);
  const serve = start('robotcall', ['serve', '--port', '0', '--data-dir', path.join(ownDir('embedded'), 'data')], { cwd: home, env: baseEnv(home), asUser: true });
  running.push(serve);
  const url = (await serve.waitFor(/robotcall ready on (http:\/\/\S+)/, 60_000))[1]!;
  const health = await (await fetch(`${url}/_robotcall/health`)).json() as { status: string; store: string; version: string };
  check(health.status === 'ok' && health.store === 'pglite' && health.version === pkg.version, `health: ${JSON.stringify(health)}`);
  const consolePage = await fetch(`${url}/console`);
  check(consolePage.status === 200 && (await consolePage.text()).includes('<script'), `/console answered ${consolePage.status}: the built console is not in the package`);
  check(await serve.stop() === 0, `serve did not stop cleanly:\n${serve.stderr()}`);
}

async function containerLayout(): Promise<void> {
  const image = readDockerfile(path.join(ROOT, 'Dockerfile'));
  const db = await freshDatabase();
  cleanups.push(() => db.drop());
  const home = ownDir('container-home');
  const dataDir = ownDir('container-data');
  const port = await freePort();
  const token = `check-${Math.random().toString(36).slice(2)}`;
  const vars = { ROBOTCALL_ADMIN_TOKEN: token, ROBOTCALL_ACCESS_KEY_ID: TEST_KEY.accessKeyId, ROBOTCALL_ACCESS_KEY_SECRET: TEST_KEY.accessKeySecret };
  // What differs from a container: the database's host, the data volume's path, and the port (a
  // container has 8080 to itself).
  const envOf = (service: string) => {
    const spec = readComposeService(path.join(ROOT, 'compose.yaml'), service, vars);
    const env: Record<string, string> = { ...baseEnv(home), ...image.env, ...spec.env, DATABASE_URL: db.url, ROBOTCALL_DATA_DIR: dataDir, ROBOTCALL_PORT: String(port) };
    if (env.ROBOTCALL_URL) env.ROBOTCALL_URL = env.ROBOTCALL_URL.replace(':8080', `:${port}`);
    return { command: spec.command, env };
  };
  const [entry, ...entryArgs] = image.entrypoint;
  const serveSpec = envOf('serve');
  const serve = start(entry!, [...entryArgs, ...serveSpec.command], { cwd: home, env: serveSpec.env, asUser: true });
  running.push(serve);
  await serve.waitFor(/robotcall ready on /, 60_000);
  check(image.cmd.join(' ') === serveSpec.command.join(' '), `compose's serve command ${serveSpec.command} differs from the image's CMD ${image.cmd}`);
  for (const worker of ['worker-1', 'worker-2']) {
    const spec = envOf(worker);
    const p = start(entry!, [...entryArgs, ...spec.command], { cwd: home, env: spec.env, asUser: true });
    running.push(p);
    await p.waitFor(/robotcall worker ready/, 60_000);
  }
  const [hcCmd, ...hcArgs] = image.healthcheck;
  const healthy = await run(hcCmd!, hcArgs, { cwd: home, env: serveSpec.env, asUser: true });
  check(healthy.code === 0, `the image's HEALTHCHECK failed against serve: ${healthy.stderr}`);
  const unhealthy = await run(hcCmd!, hcArgs, { cwd: home, env: { ...serveSpec.env, ROBOTCALL_PORT: String(await freePort()) }, asUser: true });
  check(unhealthy.code === 1, 'the image\'s HEALTHCHECK passed with no server to ask');
  await runTask(port, serveSpec.env, home);
  for (const p of running.splice(0)) check(await p.stop() === 0, `a process did not stop cleanly:\n${p.stderr()}`);
}

/** A task of three numbers, started through the signed API; `robotcall clock speed` (as `docker compose exec serve` runs it) speeds it up. */
async function runTask(port: number, serveEnv: Record<string, string>, home: string): Promise<void> {
  const call = client('pop-post', { port, ...TEST_KEY });
  const created = await call('CreateRobotTask', {
    TaskName: 'installed-check', DialogId: 1000000075003, Caller: '057156860006', CorpName: 'robotcall', NumberStatusIdent: false, RetryType: 0,
  });
  const taskId = created.body.Data as string;
  check(created.body.Code === 'OK', `CreateRobotTask: ${JSON.stringify(created.body)}`);
  check((await call('UploadRobotTaskCalledFile', { Id: taskId, CalledNumber: '13800200000,13800200002,13900200000' })).body.Code === 'OK', 'upload');
  check((await call('StartRobotTask', { TaskId: taskId })).body.Code === 'OK', 'start');
  const speed = await run('robotcall', ['clock', 'speed', 'scaled:3600'], { cwd: home, env: serveEnv, asUser: true });
  check(speed.code === 0 && /^engine clock scaled:3600: /.test(speed.stdout), `robotcall clock speed: ${speed.stdout}${speed.stderr}`);
  const deadline = Date.now() + 60_000;
  let task = { status: 'unread' };
  while (Date.now() < deadline) {
    task = data(await call('QueryRobotTaskDetail', { Id: taskId }));
    if (task.status === 'FINISH') break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  check(task.status === 'FINISH', `the task did not finish within 60 s: ${JSON.stringify(task)}`);
  const adminGet = async (route: string) => (await fetch(`http://127.0.0.1:${port}/_robotcall/${route}`,
    { headers: { authorization: `Bearer ${serveEnv.ROBOTCALL_ADMIN_TOKEN}` } })).json() as Promise<Record<string, unknown>>;
  const counts = await adminGet(`tasks/${taskId}`);
  check(counts.totalCount === 3 && counts.finishCount === 3, `the task's counts: ${JSON.stringify(counts)}`);
  const health = await adminGet('health') as { engine: { state: string } };
  check(health.engine.state === 'off', 'serve ran an engine: compose gives it ROBOTCALL_ENGINE off, so the workers must have dialed');
}

try {
  const t0 = Date.now();
  await packAndInstall();
  await step('npx robotcall --version in the checkout', npxInRepo);
  await step(`embedded serve from the install${dropsPrivileges ? ` as uid ${UNPRIVILEGED}` : ''}`, embeddedServe);
  await step('the container layout: serve and two workers on PostgreSQL, a task to FINISH', containerLayout);
  console.error(`installed-check: ok in ${((Date.now() - t0) / 1000).toFixed(1)} s${runsAsRoot && !dropsPrivileges ? ' (as root: setpriv is missing)' : ''}`);
} catch (err) {
  console.error(`installed-check: FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  for (const p of running) await p.stop(5_000);
  for (const c of cleanups.reverse()) await c();
}
