// A real headless Chromium (Debian's package) driven by playwright-core, and the console built from
// the current sources into a temporary folder, for the console's browser tests.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A skip message when Chromium is not here (node:test's `skip` option), else false. */
export const CHROMIUM_MISSING: string | false = existsSync(CHROMIUM)
  ? false
  : `browser tests skipped: no Chromium at ${CHROMIUM}; install it with \`apt-get install -y chromium\` (.ci/run does)`;

/** Screenshots of each page, kept as test artifacts (gitignored). */
export const ARTIFACTS = path.resolve('test-artifacts', 'console');

export async function launchChromium(): Promise<Browser> {
  // The flags keep Chromium from reaching for the network at start (this machine's is closed).
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Builds the console from console/src into a fresh folder; returns it and its remover. */
export function buildConsole(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'robotcall-console-'));
  execFileSync(process.execPath, ['scripts/build-console.mjs', '--out', dir], { stdio: ['ignore', 'ignore', 'inherit'] });
  return { dir: dir + path.sep, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  // Bars and charts drawn at their values, not midway through a transition.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Fails the test on any error the page logs (a CSP violation among them) or throws. */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}
