/**
 * Offline reading (service worker from scripts/offline/build.ts) and the
 * strict CSP, against the built site (`dist/` or `$SITE_DIST`):
 *
 * 1. every page, with every figure scrolled into view and running, reports no
 *    CSP violation and no console error, and carries the CSP meta;
 * 2. "save figures for offline" on /models/ shows the files' real total size,
 *    saves them with progress, and a figure never run online then runs offline;
 * 3. after one online visit (worker installed, a digit classified), with the
 *    network off: every page opens, search finds Chinese and English words,
 *    and the digit figure classifies again from the cached model;
 * 4. a new deploy (a copy of the build with one paragraph changed and the
 *    offline step re-run, as `npm run build` would): the open page stays whole,
 *    a bilingual notice appears, and the next page opened by a link is the
 *    new build's, and so is every page after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, watchedPage } from './browser';
import { cspViolations, recordCspViolations, runEveryFigure, startDeployServer, waitForServiceWorker, type DeployServer } from './offline-helpers';

const dist = resolve(process.env.SITE_DIST ?? 'dist');
const PAGES = ['/', '/flac-jpeg/', '/neural-nets/', '/training/', '/glossary/', '/models/', '/search/'];
const REVISED = '修订二 Revised paragraph of the second deploy.';

let browser: Browser;
let server: DeployServer;
let scratch: string;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startDeployServer(dist);
  scratch = mkdtempSync(join(tmpdir(), 'offline-e2e-'));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

const digits = (page: Page) => page.locator('figure[data-figure-id="digits-network"]');

/** Classify the sample "3" with the digit network on the wasm backend (needs its model, the tfjs runtime and .wasm). */
async function classifyThree(page: Page): Promise<void> {
  await digits(page).scrollIntoViewIfNeeded();
  await digits(page).locator('[data-state="ready"]').waitFor({ timeout: 40_000 });
  // On the wasm backend: the policy lets the page compile WebAssembly.
  expect(await digits(page).locator('[data-state="ready"]').getAttribute('data-backend')).toBe('wasm');
  await digits(page).locator('button[data-sample="3"]').click();
  await expect.poll(() => page.getByTestId('digits-probs').getAttribute('data-digit'), { timeout: 10_000 }).toBe('3');
}

describe('strict CSP', () => {
  it('every page has the policy, and no page reports a violation while every figure runs', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, serviceWorkers: 'block' });
    await recordCspViolations(context);
    const { page, problems } = await watchedPage(context, server.origin);
    const report: Record<string, { figures: number; violations: string[] }> = {};
    for (const path of PAGES) {
      await page.goto(server.origin + path);
      const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
      expect(csp, path).toMatch(/script-src 'self' 'wasm-unsafe-eval'/);
      expect(csp, path).not.toMatch(/script-src[^;]*'unsafe-inline'/);
      // Only this origin (and blob: URLs the page itself made, for the tfjs wasm bytes).
      expect(csp, path).toMatch(/connect-src 'self'( blob:)?(;|$)/);
      const figures = await runEveryFigure(page);
      report[path] = { figures, violations: await cspViolations(page) };
    }
    // The digit figure really ran (its model loaded under the policy).
    await page.goto(server.origin + '/neural-nets/');
    await classifyThree(page);
    const all = Object.values(report).flatMap((r) => r.violations).concat(await cspViolations(page));
    expect(all).toEqual([]);
    expect(Object.values(report).reduce((s, r) => s + r.figures, 0)).toBeGreaterThan(10);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.foreignRequests).toEqual([]);
    await context.close();
  }, 240_000);
});

describe('save figures for offline', () => {
  it('shows the size of the figure files, saves them with progress, and a figure never run online then runs offline', async () => {
    const list = JSON.parse(readFileSync(join(dist, 'offline/figures.json'), 'utf8')) as { cache: string; bytes: number; files: { url: string; bytes: number }[] };
    // The size is the files' real size, and the list holds the models, the .wasm and the tfjs chunks.
    expect(list.bytes).toBe(list.files.reduce((s, f) => s + statSync(join(dist, f.url)).size, 0));
    expect(list.files.map((f) => f.url)).toEqual(expect.arrayContaining(['models/catdog/weights.bin', 'models/manifest.json', 'tfjs/tfjs-backend-wasm-simd.wasm']));
    expect(list.files.some((f) => f.url.startsWith('_astro/'))).toBe(true);

    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, serviceWorkers: 'allow' });
    await recordCspViolations(context);
    const { page, problems } = await watchedPage(context, server.origin);
    await page.goto(server.origin + '/models/');
    await waitForServiceWorker(page);
    const control = page.locator('[data-save-figures]');
    await control.waitFor({ state: 'visible' });
    expect(await control.locator('[data-size]').textContent()).toBe(`${(list.bytes / 1e6).toFixed(1)} MB`);
    await control.locator('button[data-save]').click();
    // 4 MB through the service worker: over 60 s once under load 10.
    await page.locator('[data-save-figures][data-state="saved"]').waitFor({ timeout: 120_000 });
    expect(await control.locator('progress').evaluate((p: HTMLProgressElement) => p.value)).toBe(list.bytes);
    const cached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).length, list.cache);
    expect(cached).toBeGreaterThanOrEqual(list.files.length);

    await context.setOffline(true);
    try {
      await page.goto(server.origin + '/neural-nets/');
      const examples = page.locator('figure[data-figure-id="catdog-examples"]');
      await examples.scrollIntoViewIfNeeded();
      await examples.locator('[data-live="true"][data-catdog-key]').waitFor({ timeout: 60_000 });
    } finally {
      await context.setOffline(false);
    }
    expect(await cspViolations(page)).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  }, 240_000);
});

describe('save figures without a service worker', () => {
  it('reports that it cannot save, instead of "saving…" for ever, when no service worker registers', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } }); // service workers blocked
    const { page, problems } = await watchedPage(context, server.origin);
    await page.goto(server.origin + '/models/');
    const control = page.locator('[data-save-figures]');
    await control.waitFor({ state: 'visible' });
    await control.locator('button[data-save]').click();
    await page.locator('[data-save-figures][data-state="error"]').waitFor({ timeout: 15_000 });
    expect(await control.locator('button[data-save]').isDisabled()).toBe(false);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  }, 30_000);
});

describe('offline reading', () => {
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    context = await browser.newContext({ viewport: { width: 1100, height: 900 }, serviceWorkers: 'allow' });
    await recordCspViolations(context);
    ({ page } = await watchedPage(context, server.origin));
  });
  afterAll(async () => {
    await context?.close();
  });

  it('reads, searches and runs a cached figure with the network off', async () => {
    await page.goto(server.origin + '/');
    await waitForServiceWorker(page);
    await page.goto(server.origin + '/neural-nets/');
    await classifyThree(page);

    await context.setOffline(true);
    try {
      for (const path of PAGES) {
        const res = await page.goto(server.origin + path);
        expect(res?.ok(), path).toBe(true);
        expect((await page.locator('main').innerText()).length, path).toBeGreaterThan(20);
      }
      for (const q of ['权重', 'weights']) {
        await page.goto(`${server.origin}/search/?q=${encodeURIComponent(q)}`);
        const results = page.locator('[data-search-page] [data-search-results][data-state="done"]');
        await results.waitFor({ timeout: 20_000 });
        expect(await results.locator('a.sr-link[data-result-para]').count(), q).toBeGreaterThan(0);
      }
      // A deep link with a query string and a fragment is served from the precache too.
      await page.goto(`${server.origin}/training/?r=en&hl=x#s06-p01`);
      expect(await page.locator('[data-para-id]').count()).toBeGreaterThan(0);
      await page.goto(server.origin + '/neural-nets/');
      await classifyThree(page);
      expect(await cspViolations(page)).toEqual([]);
    } finally {
      await context.setOffline(false);
    }
  }, 180_000);

  it('after a new deploy, the next page opened is wholly the new build, with a notice', async () => {
    // Deploy 2: the same build with one paragraph changed, then the offline step (CSP, sw.js) re-run.
    const next = join(scratch, 'deploy-2');
    cpSync(dist, next, { recursive: true });
    const file = join(next, 'neural-nets/index.html');
    const html = readFileSync(file, 'utf8');
    const changed = html.replace(/(<[^>]*data-rendition="en"[^>]*>)/, `$1${REVISED} `);
    expect(changed).not.toBe(html);
    writeFileSync(file, changed);
    execFileSync('node', ['scripts/offline/build-offline.mjs'], { env: { ...process.env, SITE_DIST: next }, stdio: 'pipe' });
    expect(readFileSync(join(next, 'sw.js'), 'utf8')).not.toBe(readFileSync(join(dist, 'sw.js'), 'utf8'));
    server.deploy(next);

    // The reader opens a page: it still comes whole from the first build, and the new worker installs.
    await page.goto(server.origin + '/');
    await page.locator('[data-update-notice]').waitFor({ state: 'visible', timeout: 60_000 });
    expect(await page.locator('[data-update-notice]').textContent()).toMatch(/新版本[\s\S]*new version/);

    // The next page, opened by a link, is the new build's.
    await page.locator('a[href="/neural-nets/"]').first().click();
    await page.waitForURL('**/neural-nets/');
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-rendition="en"]')?.textContent ?? '')).toContain('Revised paragraph');
    expect(await page.locator('[data-update-notice]').isVisible()).toBe(false);
    // …and stays so, online or offline (the new precache is complete: no mix with the old one).
    await context.setOffline(true);
    try {
      await page.goto(server.origin + '/glossary/');
      await page.goto(server.origin + '/neural-nets/');
      expect(await page.evaluate(() => document.querySelector('[data-rendition="en"]')?.textContent ?? '')).toContain('Revised paragraph');
      await classifyThree(page);
    } finally {
      await context.setOffline(false);
    }
    expect(await cspViolations(page)).toEqual([]);
  }, 180_000);
});
