/**
 * The site under a non-root base path (`SITE_BASE=/reader/nn/`), built once
 * into `.cache/dist-base/` (rebuilt only when a source file is newer) and
 * served only under that path: the core journeys (read, switch views, search,
 * open a result, load a figure, offline) work, and no page requests anything
 * outside the base.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, watchedPage, type PageProblems } from './browser';
import { buildOnce, cspViolations, recordCspViolations, startDeployServer, waitForServiceWorker, type DeployServer } from './offline-helpers';

const BASE = '/reader/nn/';
const dir = resolve('.cache/dist-base');

let browser: Browser;
let server: DeployServer;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;
const outside: string[] = [];
const failed: string[] = [];

beforeAll(async () => {
  buildOnce(dir, { SITE_BASE: BASE });
  browser = await launchBrowser();
  server = await startDeployServer(dir, BASE);
  context = await browser.newContext({ viewport: { width: 1100, height: 900 }, serviceWorkers: 'allow' });
  await recordCspViolations(context);
  ({ page, problems } = await watchedPage(context, server.origin));
  page.on('request', (req) => {
    if (!req.url().startsWith('http')) return;
    const url = new URL(req.url());
    if (url.origin === server.origin && !url.pathname.startsWith(BASE)) outside.push(req.url());
  });
  page.on('response', (res) => {
    if (res.status() >= 400) failed.push(`${res.status()} ${res.url()}`);
  });
}, 540_000);
afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

/** Every URL the page's markup points at on this origin (links, scripts, styles, images, forms, islands). */
function sitePaths(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const attrs = [...document.querySelectorAll('[href], [src], [action], astro-island')].flatMap((el) =>
      ['href', 'src', 'action', 'component-url', 'renderer-url'].map((a) => el.getAttribute(a)).filter((v): v is string => v !== null),
    );
    return attrs
      .filter((v) => !v.startsWith('#') && !v.startsWith('data:') && !v.startsWith('blob:'))
      .map((v) => new URL(v, location.href))
      .filter((u) => u.origin === location.origin)
      .map((u) => u.pathname);
  });
}

describe(`the site under ${BASE}`, () => {
  it('reads: every link, asset and island of every page is under the base', async () => {
    await page.goto(server.origin + BASE);
    const parts = await page.locator('main a[href$="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(parts).toContain(`${BASE}neural-nets/`);
    for (const path of ['', 'flac-jpeg/', 'neural-nets/', 'training/', 'glossary/', 'models/', 'search/']) {
      await page.goto(server.origin + BASE + path);
      const paths = await sitePaths(page);
      expect(paths.length).toBeGreaterThan(3);
      expect(paths.filter((p) => !p.startsWith(BASE)), path).toEqual([]);
    }
    // The header's home link and a part's "next" link lead to pages that exist.
    await page.goto(server.origin + BASE + 'flac-jpeg/');
    await page.locator('a[rel="next"]').click();
    await page.waitForURL(`**${BASE}neural-nets/`);
    expect(failed).toEqual([]);
  }, 120_000);

  it('switches views, searches, opens a result and loads a figure', async () => {
    await page.goto(server.origin + BASE + 'neural-nets/');
    await page.click('label[for="view-l-en"]');
    expect(await page.isChecked('#view-l-en')).toBe(true);
    await page.click('label[for="view-l-both"]');

    await page.goto(`${server.origin}${BASE}search/?q=${encodeURIComponent('权重')}`);
    await page.locator('[data-search-page] [data-search-results][data-state="done"]').waitFor({ timeout: 20_000 });
    const link = page.locator('a.sr-link[data-result-para]').first();
    const href = await link.getAttribute('href');
    expect(href?.startsWith(BASE)).toBe(true);
    const para = await link.getAttribute('data-result-para');
    await link.click();
    // Results open the segment (sentence) holding the hit: `#<para>-sK`.
    await page.waitForURL((u) => u.pathname.startsWith(BASE) && (u.hash === `#${para}` || u.hash.startsWith(`#${para}-s`)));
    expect(await page.locator(`[data-para-id="${para}"]`).count()).toBeGreaterThan(0);

    const digits = page.locator('figure[data-figure-id="digits-network"]');
    await page.goto(server.origin + BASE + 'neural-nets/');
    await digits.scrollIntoViewIfNeeded();
    await digits.locator('[data-state="ready"]').waitFor({ timeout: 40_000 });
    await digits.locator('button[data-sample="3"]').click();
    await expect.poll(() => page.getByTestId('digits-probs').getAttribute('data-digit'), { timeout: 10_000 }).toBe('3');

    expect(outside).toEqual([]);
    expect(failed).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
  }, 120_000);

  it('works offline, with the worker scoped to the base and the manifest starting there', async () => {
    await page.goto(server.origin + BASE);
    await waitForServiceWorker(page);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(server.origin + BASE);
    const manifest = await page.evaluate(async () => {
      const href = document.querySelector<HTMLLinkElement>('link[rel="manifest"]')!.href;
      return (await fetch(href)).json();
    });
    expect(manifest.start_url).toBe(BASE);
    expect(manifest.scope).toBe(BASE);

    await context.setOffline(true);
    try {
      await page.goto(server.origin + BASE + 'glossary/');
      expect((await page.locator('main').innerText()).length).toBeGreaterThan(100);
      await page.goto(`${server.origin}${BASE}search/?q=weights`);
      await page.locator('[data-search-page] [data-search-results][data-state="done"]').waitFor({ timeout: 20_000 });
      expect(await page.locator('a.sr-link[data-result-para]').count()).toBeGreaterThan(0);
    } finally {
      await context.setOffline(false);
    }
    expect(outside).toEqual([]);
  }, 120_000);
});
