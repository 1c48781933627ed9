// The console stays responsive at size (docs/console.md): the tasks page with 1,000 tasks and a task
// with 100,000 calls, timed in a real Chromium and printed. The bounds asserted are loose (a noisy
// 2-core machine); the figures printed are what the README reports.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { buildConsole, CHROMIUM_MISSING, launchChromium, screenshot } from '../support/browser.js';
import { csvOf, mobiles } from '../support/callee-files.js';
import { ConsoleClient } from '../support/console-client.js';
import { CALLERS, EngineHarness, HOUR, ROBOT } from '../support/engine.js';

const skip = CHROMIUM_MISSING;
let h: EngineHarness;
let browser: Browser;
let built: { dir: string; remove(): void };
let bigTask = 0;

before(async () => {
  if (skip) return;
  built = buildConsole();
  h = await EngineHarness.start(
    { carrierTiming: 'zero', taskConcurrency: 100_000, accountConcurrency: 100_000, callsPerSecond: 1_000_000 }, { consoleDir: built.dir });
  browser = await launchChromium();
  const c = await ConsoleClient.signIn(h.s.port, h.s.accessKeyId, h.s.accessKeySecret);
  const spec = { robotId: ROBOT, callers: CALLERS.split(','), corpName: '测试公司', retry: null };
  for (let i = 0; i < 1000; i += 50) {
    await Promise.all(Array.from({ length: 50 }, (_, j) => c.post('/tasks', { ...spec, name: `批量任务 ${i + j}` })));
  }
  bigTask = (await c.post<{ task: { id: number } }>('/tasks', { ...spec, name: '十万号码' })).json.task.id;
  const upload = await c.upload(`/tasks/${bigTask}/callees?name=big.csv`, csvOf([['number'], ...mobiles(100_000).map((n) => [n])]));
  assert.equal((upload.lines.at(-1)!.done as { added: number }).added, 100_000);
  assert.equal((await c.post(`/tasks/${bigTask}/start`)).status, 200);
  await h.advance(24 * HOUR);
  assert.equal(await h.status(bigTask), 'FINISH');
});
after(async () => {
  if (skip) return;
  await browser.close();
  await h.close();
  built.remove();
});

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function signedInPage(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await page.goto(`http://127.0.0.1:${h.s.port}/console`);
  await page.fill('#access-key-id', h.s.accessKeyId);
  await page.fill('#access-key-secret', h.s.accessKeySecret);
  await page.click('[data-testid=sign-in]');
  await page.waitForSelector('[data-testid=task-row]');
  return page;
}

/** ms from `act` until `done` holds in the page. */
async function timed(page: Page, act: () => Promise<unknown>, done: (arg: string | null) => boolean, arg: string | null = null): Promise<number> {
  const t0 = performance.now();
  await act();
  await page.waitForFunction(done, arg, { polling: 'raf' });
  return performance.now() - t0;
}

test('the tasks page with 1,000 tasks and a task of 100,000 calls: first render and paging times', { skip }, async () => {
  const page = await signedInPage();
  const base = `http://127.0.0.1:${h.s.port}/console`;
  const firstRows: number[] = [];
  for (let i = 0; i < 5; i++) {
    // A new query string is a new document: the page loads, signs in by cookie and renders.
    firstRows.push(await timed(page, () => page.goto(`${base}?r=${i}#/tasks`), () => document.querySelectorAll('[data-testid=task-row]').length === 20));
  }
  assert.match(await page.textContent('body') ?? '', /1,?001/, 'all 1,001 tasks are counted');
  const listPages: number[] = [];
  for (let i = 0; i < 5; i++) {
    const before = await page.getAttribute('[data-testid=task-row]', 'data-task-id');
    listPages.push(await timed(page, () => page.click('[data-testid=page-next]'),
      (b: string | null) => document.querySelector('[data-testid=task-row]')?.getAttribute('data-task-id') !== b, before));
  }

  // The task, its actions and its first page of calls; then its charts, which come apart (the
  // server reads them once per task at most every 5 s, once for good when final; the first read of
  // 100,000 calls is the slow one).
  const detail: number[] = [];
  const charts: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await page.goto(`${base}?r=${i}#/tasks/${bigTask}`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=call-row]').length === 20 && !!document.querySelector('[data-testid=action-delete]'), null, { polling: 'raf' });
    detail.push(performance.now() - t0);
    await page.waitForFunction(() => /\d/.test(document.querySelector('[data-testid=outcome-chart]')?.parentElement?.querySelector('table')?.textContent ?? ''), null, { polling: 'raf' });
    charts.push(performance.now() - t0);
  }
  await screenshot(page, 'task-100k');
  const callPages: number[] = [];
  for (let i = 0; i < 10; i++) {
    const before = await page.getAttribute('[data-testid=call-row]', 'data-callee');
    callPages.push(await timed(page, () => page.click('[data-testid=calls-next]'),
      (b: string | null) => document.querySelector('[data-testid=call-row]')?.getAttribute('data-callee') !== b, before));
  }
  const fmt = (xs: number[]) => `median ${median(xs).toFixed(0)} ms, best ${Math.min(...xs).toFixed(0)}, worst ${Math.max(...xs).toFixed(0)} (n=${xs.length})`;
  console.log(`# console at size: tasks page first render (1,001 tasks): ${fmt(firstRows)}`);
  console.log(`# console at size: tasks page, next page: ${fmt(listPages)}`);
  console.log(`# console at size: task detail first render (100,000 calls: task, actions, first page of calls): ${fmt(detail)}`);
  console.log(`# console at size: task detail charts drawn (the first is read cold): ${fmt(charts)}`);
  console.log(`# console at size: calls, next page: ${fmt(callPages)}`);
  // Targets are 1 s and 300 ms; these bounds catch a regression by an order of magnitude, not noise.
  assert.ok(median(firstRows) < 3000 && median(detail) < 3000 && median(charts) < 5000, 'first render');
  assert.ok(median(callPages) < 1500 && median(listPages) < 1500, 'paging');
});
