/**
 * Every browser capability the site uses, removed one at a time before any
 * page script runs (`addInitScript`): the page must fall back or say what is
 * missing — never a misleading message (such as "corrupted" when only Web
 * Crypto is missing), never "reload the page", never an uncaught error.
 *
 * Capabilities and what their absence must give:
 * - Web Crypto (`crypto.subtle`, missing over plain HTTP from a LAN name):
 *   models still verify (SHA-256 from @noble/hashes) and load;
 * - WebAssembly: models run on the cpu backend; search (Pagefind) says it needs WebAssembly;
 * - Web Workers: live training says it needs Web Workers; the rest works;
 * - OffscreenCanvas: the live charts draw on the page instead of in a worker;
 * - localStorage / sessionStorage throwing (storage blocked): the view and
 *   theme still switch (the URL carries the view);
 * - Clipboard API, camera (`mediaDevices`), speech synthesis: the paragraph
 *   link still leads to its paragraph; nothing on the site breaks.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchedPage, type PageProblems } from './browser';
import { builtPages } from './built-pages';

const origin = inject('origin');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Words that would mislead the reader about a missing capability. */
const MISLEADING = /checksum|校验和|corrupt|损坏|reload|刷新|try again|再试/i;

/** A page where `removal` ran before any site script. */
async function pageWithout(removal: string, width = 1280): Promise<{ page: Page; problems: PageProblems; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  await context.addInitScript({ content: removal });
  const { page, problems } = await watchedPage(context, origin);
  return { page, problems, close: () => context.close() };
}

/** Scroll a figure into view (hydrating its island) and wait until `done` holds in the page. */
async function showFigure(page: Page, figureId: string, done: string, timeout = 60_000): Promise<void> {
  await page.locator(`[data-figure-id="${figureId}"]`).scrollIntoViewIfNeeded();
  // Polled with page.evaluate: waitForFunction would eval the string inside the page, which its CSP forbids.
  const until = Date.now() + timeout;
  while (!(await page.evaluate(done))) {
    if (Date.now() > until) throw new Error(`timed out after ${timeout} ms waiting for: ${done}`);
    await page.waitForTimeout(250);
  }
}

/** Model loaded on the page, or an error shown in the figure. */
const MODEL_OR_ERROR = (figureId: string, model: string) =>
  `(window.__siteModels?.get('${model}')) || /error|错误|失败|not|无法|没能/i.test(document.querySelector('[data-figure-id="${figureId}"] [role="alert"], [data-figure-id="${figureId}"] .nf-error')?.textContent ?? '')`;

describe('capabilities removed in the browser', () => {
  it('Web Crypto missing: models verify with the fallback SHA-256 and load', async () => {
    const { page, problems, close } = await pageWithout(`Object.defineProperty(Crypto.prototype, 'subtle', { get() { return undefined; }, configurable: true });`);
    await page.goto(`${origin}/neural-nets/`, { waitUntil: 'load' });
    expect(await page.evaluate(() => crypto.subtle)).toBeUndefined();
    await showFigure(page, 'nearest-net-map', MODEL_OR_ERROR('nearest-net-map', 'nearest-17'));
    const text = await page.locator('[data-figure-id="nearest-net-map"]').innerText();
    expect(text).not.toMatch(MISLEADING);
    expect(await page.evaluate(() => (window as unknown as { __siteModels: { names(): string[] } }).__siteModels.names())).toContain('nearest-17');
    expect(problems.pageErrors).toEqual([]);
    await close();
  }, 90_000);

  it('WebAssembly missing: models run on the cpu backend', async () => {
    const { page, problems, close } = await pageWithout(`delete globalThis.WebAssembly;`);
    await page.goto(`${origin}/neural-nets/`, { waitUntil: 'load' });
    expect(await page.evaluate(() => typeof (globalThis as { WebAssembly?: unknown }).WebAssembly)).toBe('undefined');
    await showFigure(page, 'nearest-net-map', MODEL_OR_ERROR('nearest-net-map', 'nearest-17'));
    const backend = await page.evaluate(
      () => (window as unknown as { __siteModels: { get(n: string): { runtime: { backend: string } } | undefined } }).__siteModels.get('nearest-17')?.runtime.backend,
    );
    expect(backend).toBe('cpu');
    expect(await page.locator('[data-figure-id="nearest-net-map"]').innerText()).not.toMatch(MISLEADING);
    // Search (Pagefind) needs WebAssembly: the dialog says so, and does not blame the network.
    await page.keyboard.press('/');
    await page.locator('.search-dialog .sr-input').fill('weights');
    await page.waitForFunction(() => /WebAssembly/.test(document.querySelector('.search-dialog .sr-status')?.textContent ?? ''), undefined, { timeout: 20_000 });
    expect(await page.locator('.search-dialog .sr-status').innerText()).not.toMatch(MISLEADING);
    expect(problems.pageErrors).toEqual([]);
    await close();
  }, 90_000);

  it('Web Workers missing: live training names the cause, charts still draw', async () => {
    const { page, problems, close } = await pageWithout(`delete globalThis.Worker;`);
    await page.goto(`${origin}/training/`, { waitUntil: 'load' });
    await showFigure(page, 'fit1d-train', `/Web Worker/.test(document.querySelector('[data-figure-id="fit1d-train"]').textContent)`);
    const text = await page.locator('[data-figure-id="fit1d-train"]').innerText();
    expect(text).not.toMatch(MISLEADING);
    expect(problems.pageErrors).toEqual([]);
    await close();
  }, 90_000);

  it('OffscreenCanvas missing: the live charts draw on the page and training runs', async () => {
    const { page, problems, close } = await pageWithout(
      `delete globalThis.OffscreenCanvas; delete HTMLCanvasElement.prototype.transferControlToOffscreen;`,
    );
    await page.goto(`${origin}/training/`, { waitUntil: 'load' });
    const fig = page.locator('[data-figure-id="fit1d-train"]');
    await showFigure(page, 'fit1d-train', `!!document.querySelector('[data-figure-id="fit1d-train"] [data-step]')`);
    const train = fig.getByRole('button', { name: /Train|开始训练/ }).first();
    await train.click();
    await page.waitForFunction(() => Number(document.querySelector('[data-figure-id="fit1d-train"] [data-step]')?.getAttribute('data-step')) > 0, undefined, {
      timeout: 30_000,
    });
    // The loss chart's canvas has been drawn on (some pixel not transparent).
    const drawn = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLCanvasElement>('[data-figure-id="fit1d-train"] canvas')].some((c) => {
        const ctx = c.getContext('2d');
        if (!ctx || !c.width || !c.height) return false;
        return ctx.getImageData(0, 0, c.width, c.height).data.some((v, i) => i % 4 === 3 && v > 0);
      }),
    );
    expect(drawn).toBe(true);
    expect(await fig.innerText()).not.toMatch(MISLEADING);
    expect(problems.pageErrors).toEqual([]);
    await close();
  }, 90_000);

  it('storage blocked (localStorage and sessionStorage throw): every page loads, view and theme still switch', async () => {
    const { page, problems, close } = await pageWithout(
      `for (const k of ['localStorage', 'sessionStorage']) Object.defineProperty(window, k, { get() { throw new DOMException('The operation is insecure.', 'SecurityError'); }, configurable: true });`,
    );
    for (const path of builtPages()) await page.goto(origin + path, { waitUntil: 'load' });
    await page.goto(`${origin}/flac-jpeg/`, { waitUntil: 'load' });
    await page.locator('label[for="view-l-en"]').click();
    await page.waitForFunction(() => document.documentElement.dataset.l === 'en' && new URL(location.href).searchParams.get('l') === 'en');
    await page.locator('[data-theme-toggle]').click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme ?? 'auto')).not.toBe('auto');
    expect(problems.pageErrors).toEqual([]);
    await close();
  }, 90_000);

  it('no Clipboard API, camera or speech synthesis: the paragraph menu gives its link to copy by hand', async () => {
    const { page, problems, close } = await pageWithout(
      `for (const k of ['clipboard', 'mediaDevices']) Object.defineProperty(Navigator.prototype, k, { get() { return undefined; }, configurable: true });
       delete globalThis.speechSynthesis; delete globalThis.SpeechSynthesisUtterance;`,
    );
    await page.goto(`${origin}/flac-jpeg/`, { waitUntil: 'load' });
    const anchor = page.locator('.para-anchor').nth(2);
    const id = await anchor.evaluate((a) => a.closest('[data-para-id]')!.id);
    // Still a real link (new tab, no JavaScript); a plain click opens the menu and does not move the page (issue 15).
    expect(await anchor.getAttribute('href')).toBe(`#${id}`);
    await anchor.hover();
    await anchor.click();
    await page.locator('[role="menuitem"]').first().click();
    const panel = page.locator('.copy-by-hand');
    await panel.waitFor();
    expect(await panel.locator('textarea').inputValue()).toMatch(new RegExp(`/flac-jpeg/\\?r=literal&l=both#${id}$`));
    expect(await page.evaluate(() => location.hash)).toBe('');
    expect(problems.pageErrors).toEqual([]);
    await close();
  }, 60_000);
});
