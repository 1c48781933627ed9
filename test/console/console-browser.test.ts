// The console in a real headless Chromium: an account's campaign from a spreadsheet to FINISH, the
// buttons in each status, another account's view, and the operator's top-up (docs/console.md).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { newKey } from '../support/admin.js';
import { buildConsole, CHROMIUM_MISSING, launchChromium, screenshot, watchPageErrors } from '../support/browser.js';
import { mobiles, xlsxOf } from '../support/callee-files.js';
import { EngineHarness, HOUR } from '../support/engine.js';

const skip = CHROMIUM_MISSING;
if (skip) console.log(`# ${skip}`);

let h: EngineHarness;
let browser: Browser;
let built: { dir: string; remove(): void };
const contexts: BrowserContext[] = [];

before(async () => {
  if (skip) return;
  built = buildConsole();
  h = await EngineHarness.start({ pricePerMinute: 5 }, { consoleDir: built.dir });
  browser = await launchChromium();
});
after(async () => {
  if (skip) return;
  for (const c of contexts) await c.close();
  await browser.close();
  await h.close();
  built.remove();
});

const url = (hash = '') => `http://127.0.0.1:${h.s.port}/console${hash}`;

let signInShown = false;

/** A signed-in account page; errors it logs are collected (a 401 before sign-in is the page asking who is signed in). */
async function signedIn(accessKeyId: string, secret: string, width = 1280): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await page.goto(url());
  await page.fill('#access-key-id', accessKeyId);
  if (!signInShown) {
    signInShown = true;
    await screenshot(page, 'sign-in');
  }
  await page.fill('#access-key-secret', secret);
  await page.click('[data-testid=sign-in]');
  await page.waitForSelector('[data-testid=filter-name]');
  assert.equal(await page.locator('#access-key-secret').count(), 0, 'the secret field is gone with the sign-in form');
  assert.ok(!(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).includes(secret), 'the secret is not stored');
  return { page, errors };
}

async function operatorPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(url('#/operator'));
  await page.click('[data-testid=operator-sign-in]');
  await page.waitForSelector('[data-testid=account-row]');
  return page;
}

const realErrors = (errors: string[]) => errors.filter((e) => !/status of 401/.test(e));

test('sign in, create a task from an .xlsx with TTS columns, start it on a scaled clock, watch it reach FINISH, open the chart and a transcript', { skip }, async () => {
  const { page, errors } = await signedIn(h.s.accessKeyId, h.s.accessKeySecret);
  await screenshot(page, 'tasks-empty');
  const operator = await operatorPage();
  await operator.fill('[data-testid=clock-speed]', 'scaled:600');
  await operator.click('[data-testid=clock-speed-apply]');
  await operator.waitForFunction(() => document.body.textContent!.includes('600'));
  await screenshot(operator, 'operator');

  await page.goto(url('#/new'));
  await page.fill('#task-name', '浏览器回访');
  await page.locator('[data-testid=caller-option]').first().check();
  await page.fill('#task-corp', '测试公司');
  const numbers = mobiles(20, 500);
  const sheet = await xlsxOf([['number', 'name', 'amount'], ...numbers.map((n, i) => [n, `客户${i}`, String(100 + i)]), ['12345', 'x', '1'], [numbers[0]!, 'dup', '1']]);
  await page.setInputFiles('[data-testid=callee-file]', { name: 'callees.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: sheet });
  await page.waitForSelector('[data-testid=row-error]');
  assert.equal(await page.locator('[data-testid=row-error]').count(), 1);
  assert.equal(await page.locator('[data-testid=row-duplicate]').count(), 1);
  assert.match(await page.textContent('[data-testid=row-error]') ?? '', /^\s*22\D/, 'the error names its row (the header is row 1)');
  await page.check('[data-testid=start-now]');
  await screenshot(page, 'new-task');
  await page.click('[data-testid=create-task]');
  await page.waitForURL(/#\/tasks\/\d+$/);
  const id = Number(/#\/tasks\/(\d+)$/.exec(page.url())![1]);

  // Back on the list, the progress bar moves to 20/20 and the badge to FINISH with no reload.
  let loads = 0;
  page.on('load', () => loads++);
  await page.goto(url('#/tasks'));
  loads = 0;
  const row = `[data-testid=task-row][data-task-id="${id}"]`;
  await page.waitForFunction((sel) => {
    const bar = document.querySelector(`${sel} [role=progressbar]`);
    return bar?.getAttribute('aria-valuenow') === '20' && bar.getAttribute('aria-valuemax') === '20'
      && document.querySelector(`${sel} [data-testid=task-status]`)!.textContent!.includes('FINISH');
  }, row, { timeout: 60_000 });
  assert.equal(loads, 0, 'no reload');
  await screenshot(page, 'tasks');

  await page.click(`${row} a`);
  await page.waitForSelector('[data-testid=outcome-chart] canvas');
  await page.waitForSelector('[data-testid=call-row]');
  assert.equal(await page.locator('[data-testid=call-row]').count(), 20);
  await screenshot(page, 'task-detail');
  await page.locator('[data-testid=call-row] button').first().click();
  await page.waitForSelector('[data-testid=transcript]');
  await page.waitForFunction(() => (document.querySelector('[data-testid=transcript]')?.textContent ?? '').length > 40);
  await screenshot(page, 'transcript');
  await page.keyboard.press('Escape');
  await operator.fill('[data-testid=clock-speed]', 'manual');
  await operator.click('[data-testid=clock-speed-apply]');
  assert.deepEqual(realErrors(errors), []);
});

test('the action buttons are enabled exactly as the status allows, with the reason shown when not', { skip }, async () => {
  await h.admin('POST', 'clock/speed', { clock: 'manual' });
  const { page } = await signedIn(h.s.accessKeyId, h.s.accessKeySecret);
  const buttons = ['start', 'stop', 'cancel', 'cancel-order', 'delete'];
  const expectButtons = async (taskId: number, wantStatus: string, enabled: string[]) => {
    await page.goto(url(`#/tasks/${taskId}`));
    await page.waitForFunction((s) => document.querySelector('[data-testid=detail-status]')?.textContent?.includes(s), wantStatus);
    for (const b of buttons) {
      const disabled = await page.isDisabled(`[data-testid=action-${b}]`);
      assert.equal(!disabled, enabled.includes(b), `${wantStatus}: ${b}`);
      assert.equal(await page.locator(`[data-testid=reason-${b}]`).count(), disabled ? 1 : 0, `${wantStatus}: reason for ${b}`);
    }
  };
  const init = await h.task(mobiles(2, 700), { start: false });
  await expectButtons(init, 'INIT', ['start', 'cancel', 'delete']);
  const scheduled = await h.task(mobiles(2, 710), { start: false });
  const tomorrow = new Date((await h.now()) + 8 * HOUR + 24 * HOUR).toISOString().slice(0, 10);
  await h.ok('StartRobotTask', { TaskId: scheduled, ScheduleTime: `${tomorrow} 10:00:00` });
  await expectButtons(scheduled, 'READY', ['cancel', 'cancel-order']);
  const stopped = await h.task(mobiles(2, 720));
  await h.ok('StopRobotTask', { TaskId: stopped });
  await expectButtons(stopped, 'MANUAL_STOP', ['start', 'cancel']);
  assert.match(await page.textContent('[data-testid=reason-delete]') ?? '', /cancel it first/);
  await screenshot(page, 'task-manual-stop');

  // Cancel, then delete, through the buttons.
  await page.click('[data-testid=action-cancel]');
  await page.click('[data-testid=confirm-action]');
  await expectButtons(stopped, 'CANCEL', ['delete']);
  await page.click('[data-testid=action-delete]');
  await page.click('[data-testid=confirm-action]');
  await page.waitForURL(/#\/tasks$/);
  assert.equal((await h.call('QueryRobotTaskDetail', { Id: stopped })).body.Code, 'isv.TASK_NOT_FOUND');
});

test('a file with no valid row blocks Create: no half-made task', { skip }, async () => {
  const { page } = await signedIn(h.s.accessKeyId, h.s.accessKeySecret);
  const before = (await h.call('QueryRobotTaskList', { PageSize: 1 })).body.TotalCount;
  await page.goto(url('#/new'));
  await page.fill('#task-name', '无效文件');
  await page.locator('[data-testid=caller-option]').first().check();
  await page.setInputFiles('[data-testid=callee-file]', { name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from('number\n12345\n') });
  await page.waitForSelector('[data-testid=row-error]');
  await page.check('[data-testid=start-now]');
  await page.click('[data-testid=create-task]');
  await page.waitForSelector('[data-testid=create-error]');
  assert.match(await page.textContent('[data-testid=create-error]') ?? '', /no valid row/);
  assert.equal((await h.call('QueryRobotTaskList', { PageSize: 1 })).body.TotalCount, before, 'no task was created');
});

test('a second account sees none of the first one\'s tasks', { skip }, async () => {
  const k = await newKey(h.s.port, 'browser-second');
  const { page } = await signedIn(k.AccessKeyId, k.AccessKeySecret);
  await page.waitForSelector('.empty');
  assert.equal(await page.locator('[data-testid=task-row]').count(), 0);
  const theirs = await h.task(mobiles(1, 800), { start: false });
  await page.goto(url(`#/tasks/${theirs}`));
  await page.waitForSelector('[role=alert]');
  assert.equal(await page.locator('[data-testid=detail-status]').count(), 0);
});

test('the operator tops up a balance and an ARREARS_STOP task can be started again', { skip }, async () => {
  await h.admin('POST', 'clock/speed', { clock: 'manual' });
  const balance = `accounts/${h.s.accessKeyId}/balance`;
  await h.admin('PUT', balance, { balanceFen: 7 });
  const id = await h.task(['13900200002', '13900200003', '13900200005', '13900200010', '13900200011', '13900200012', '13900200004', '13900200001']);
  await h.advance(HOUR);
  assert.equal(await h.status(id), 'ARREARS_STOP');

  const { page } = await signedIn(h.s.accessKeyId, h.s.accessKeySecret);
  await page.goto(url(`#/tasks/${id}`));
  await page.waitForSelector('[data-testid=reason-start]');
  assert.match(await page.textContent('[data-testid=reason-start]') ?? '', /balance/);

  const operator = await operatorPage();
  const account = (await h.admin('GET', balance)).json.accountId as number;
  const row = operator.locator(`[data-testid=account-row][data-account-id="${account}"]`);
  await row.locator('[data-testid=topup-amount]').fill('100');
  await row.locator('[data-testid=topup]').click();
  await operator.waitForFunction(() => document.body.textContent!.includes('99.'));
  assert.ok(((await h.admin('GET', balance)).json.balanceFen as number) > 9_000, '100 yuan is 10,000 fen');

  // The task page polls: Start becomes possible without a reload.
  await page.waitForSelector('[data-testid=action-start]:not([disabled])', { timeout: 10_000 });
  await page.click('[data-testid=action-start]');
  await page.click('[data-testid=confirm-start]');
  await page.waitForFunction(() => !document.querySelector('[data-testid=detail-status]')?.textContent?.includes('ARREARS'));
  await h.advance(HOUR);
  await page.waitForFunction(() => document.querySelector('[data-testid=detail-status]')?.textContent?.includes('FINISH'), undefined, { timeout: 10_000 });
  await h.admin('PUT', balance, { balanceFen: null });
});

test('by keyboard alone, at phone width, in Chinese: sign in, switch language, read a robot\'s dialog as a flow', { skip }, async () => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 }, locale: 'en-US' });
  contexts.push(context);
  const page = await context.newPage();
  const errors = watchPageErrors(page);
  await page.goto(url());
  await page.focus('#access-key-id');
  await page.keyboard.type(h.s.accessKeyId);
  await page.keyboard.press('Tab');
  await page.keyboard.type(h.s.accessKeySecret);
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=filter-name]');
  await page.click('[data-testid=lang-switch]');
  await page.waitForFunction(() => document.body.textContent!.includes('任务'));
  await page.waitForSelector('[data-testid=task-row]');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `the page fits 375 px (tables scroll inside their own box); ${overflow} px over`);
  await screenshot(page, 'tasks-phone-zh');
  await page.goto(url('#/new'));
  await page.waitForSelector('[data-testid=callee-file]');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth) <= 1, 'the new-task form fits 375 px');
  await screenshot(page, 'new-task-phone-zh');

  await page.goto(url('#/robots/1000000075003'));
  await page.waitForSelector('[data-testid=dialog-node]');
  const nodes = await page.locator('[data-testid=dialog-node]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node-id')));
  assert.ok(nodes.length > 2, 'the demo robot has several nodes');
  const targets = await page.locator('.flow-link').evaluateAll((els) => els.map((e) => decodeURIComponent(e.getAttribute('href')!.split('/').pop()!)));
  assert.ok(targets.length > 0 && targets.every((t) => nodes.includes(t)), `every branch leads to a node shown: ${targets.join(', ')}`);
  await screenshot(page, 'robot-flow-phone-zh');
  assert.deepEqual(realErrors(errors), []);

  // Every task the tests above left, in their statuses, for the README.
  const wide = (await signedIn(h.s.accessKeyId, h.s.accessKeySecret)).page;
  await wide.waitForSelector('[data-testid=task-row]');
  await screenshot(wide, 'tasks-all');
  await wide.goto(url('#/robots'));
  await wide.waitForSelector('a[href*="#/robots/"]');
  await screenshot(wide, 'robots');
  await wide.goto(url('#/robots/1000000075003'));
  await wide.waitForSelector('[data-testid=dialog-node]');
  await screenshot(wide, 'robot-flow');
});
