/**
 * The digit figures on /neural-nets/ in Chromium: a digit drawn by the test
 * (stroke replay of a "7" and a "1") is classified correctly, in a worker (or
 * on the page when no worker starts); a 404 and a
 * corrupted weight file each show a clear message and leave the page working
 * with the static fallback in place; a missing wasm binary falls back to the
 * cpu backend; with JavaScript disabled the static fallbacks show.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { brokenFallbackImages } from './fallback-files';
import { launchBrowser, watchedPage } from './browser';

const origin = inject('origin');
const PAGE = `${origin}/neural-nets/`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const network = (page: Page) => page.locator('figure[data-figure-id="digits-network"]');

/** Open the page, scroll the network figure into view and wait until its model is ready. */
async function openReady(page: Page): Promise<void> {
  await page.goto(PAGE);
  await network(page).scrollIntoViewIfNeeded();
  await network(page).locator('[data-state="ready"]').waitFor({ timeout: 40_000 });
}

/** Draw a polyline on the pad, in pad-relative coordinates (0–1). */
async function stroke(page: Page, points: [number, number][]): Promise<void> {
  // The figure's own CSS arrives as it nears the screen (issue 12) and may change its height: draw where the pad is now.
  await page.getByTestId('digits-pad').scrollIntoViewIfNeeded();
  const box = (await page.getByTestId('digits-pad').boundingBox())!;
  const at = ([x, y]: [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(points[0]!));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 8 });
  await page.mouse.up();
}

describe('digit figures', () => {
  it('classify a "7" and a "1" drawn on the pad, on the wasm backend', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const { page, problems } = await watchedPage(context, origin);
    await openReady(page);
    await expect(network(page).locator('[data-state="ready"]').getAttribute('data-backend')).resolves.toBe('wasm');
    const probs = page.getByTestId('digits-probs');

    await stroke(page, [[0.25, 0.22], [0.72, 0.22], [0.45, 0.8]]);
    await expect.poll(() => probs.getAttribute('data-digit'), { timeout: 5000 }).toBe('7');

    await page.getByRole('button', { name: /Clear|清除/ }).click();
    await expect.poll(() => probs.getAttribute('data-digit')).toBe('');
    await stroke(page, [[0.52, 0.15], [0.5, 0.85]]);
    await expect.poll(() => probs.getAttribute('data-digit'), { timeout: 5000 }).toBe('1');

    // Clicking a layer shows its activations: conv1 has one map per filter.
    await network(page).locator('button[data-layer="conv1"]').click();
    const maps = Number(await network(page).getByTestId('digits-activations').getAttribute('data-maps'));
    expect(maps).toBeGreaterThan(1);

    // Keyboard alternative: a sample button classifies that sample.
    await network(page).locator('button[data-sample="3"]').click();
    await expect.poll(() => probs.getAttribute('data-digit')).toBe('3');

    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.foreignRequests).toEqual([]);
    await context.close();
  });

  it('compute the predictions in a worker while drawing, never loading the model on the page itself', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const { page, problems } = await watchedPage(context, origin);
    await page.goto(PAGE);
    // Nothing starts before the reader nears the figure.
    expect(page.workers().filter((w) => /digits/.test(w.url()))).toEqual([]);
    await network(page).scrollIntoViewIfNeeded();
    await network(page).locator('[data-state="ready"]').waitFor({ timeout: 40_000 });
    await expect(network(page).locator('[data-state="ready"]').getAttribute('data-thread')).resolves.toBe('worker');
    const workers = page.workers().filter((w) => /digits\.worker/.test(w.url()));
    expect(workers).toHaveLength(1);
    // The model lives in the worker, on wasm; the page's own thread has no digits model (so no tfjs forward pass).
    await expect(workers[0]!.evaluate(() => (self as unknown as { __siteModels: { get(n: string): { runtime: { backend: string } } | undefined } }).__siteModels.get('digits')?.runtime.backend)).resolves.toBe('wasm');
    await expect(page.evaluate(() => (window as unknown as { __siteModels?: { get(n: string): unknown } }).__siteModels?.get('digits') ?? null)).resolves.toBeNull();

    // The answer follows the drawing: a "7", then (cleared) a "1".
    const probs = page.getByTestId('digits-probs');
    await stroke(page, [[0.25, 0.22], [0.72, 0.22], [0.45, 0.8]]);
    await expect.poll(() => probs.getAttribute('data-digit'), { timeout: 5000 }).toBe('7');
    await expect(network(page).getByTestId('digits-answer').textContent()).resolves.toBe('7');
    await page.getByRole('button', { name: /Clear|清除/ }).click();
    await stroke(page, [[0.52, 0.15], [0.5, 0.85]]);
    await expect.poll(() => probs.getAttribute('data-digit'), { timeout: 5000 }).toBe('1');
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('run the network on the page when no worker can start', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    await context.addInitScript(() => Object.defineProperty(window, 'Worker', { value: undefined, configurable: true }));
    const { page, problems } = await watchedPage(context, origin);
    await openReady(page);
    await expect(network(page).locator('[data-state="ready"]').getAttribute('data-thread')).resolves.toBe('main');
    await network(page).locator('button[data-sample="3"]').click();
    await expect.poll(() => page.getByTestId('digits-probs').getAttribute('data-digit')).toBe('3');
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  for (const [name, mutate, message] of [
    ['a missing weight file (404)', 'missing', /not found \(404\)|找不到模型文件/],
    ['a corrupted weight file', 'corrupt', /checksum|校验和/],
  ] as const) {
    it(`show a clear message for ${name} and keep the page working`, async () => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
      await context.route('**/models/digits/weights.bin', async (route) => {
        if (mutate === 'missing') return route.fulfill({ status: 404, body: 'not found' });
        const response = await route.fetch();
        const body = Buffer.from(await response.body());
        body[100] = body[100]! ^ 0xff;
        return route.fulfill({ response, body });
      });
      const { page, problems } = await watchedPage(context, origin);
      await page.goto(PAGE);
      await network(page).scrollIntoViewIfNeeded();
      const alert = network(page).getByRole('alert');
      await alert.waitFor({ timeout: 40_000 });
      await expect(alert.textContent()).resolves.toMatch(message);
      // The static fallback is still there, with its images.
      await expect(network(page).getByTestId('digits-network-fallback').isVisible()).resolves.toBe(true);
      await expect(network(page).locator('img[alt^="handwritten"]').count()).resolves.toBeGreaterThan(5);
      // The page still works: no uncaught errors, and the reading controls still respond.
      expect(problems.pageErrors).toEqual([]);
      const errors = problems.consoleErrors.filter((e) => !(mutate === 'missing' && /404/.test(e)));
      expect(errors).toEqual([]);
      await page.evaluate(() => window.scrollTo(0, 0));
      await expect(page.locator('h1').first().isVisible()).resolves.toBe(true);
      await context.close();
    });
  }

  it('fall back to the cpu backend when the wasm binary cannot be fetched', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    await context.route('**/tfjs/*.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
    const page = await context.newPage();
    await openReady(page);
    await expect(network(page).locator('[data-state="ready"]').getAttribute('data-backend')).resolves.toBe('cpu');
    await network(page).locator('button[data-sample="7"]').click();
    await expect.poll(() => page.getByTestId('digits-probs').getAttribute('data-digit')).toBe('7');
    await context.close();
  });

  it('show the static fallbacks with JavaScript disabled', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(PAGE);
    for (const id of ['digits-network', 'digits-ones-twos', 'digits-interpolate']) {
      const fallback = page.getByTestId(`${id}-fallback`);
      await fallback.scrollIntoViewIfNeeded();
      await expect(fallback.isVisible()).resolves.toBe(true);
      // Each digit is an SVG file shown by a lazy <img> (scripts/build/figure-assets.ts).
      // Without JavaScript the interface, and so the alt text, is Chinese.
      const images = fallback.locator('img[alt^="手写的"]');
      expect(await images.count()).toBeGreaterThanOrEqual(8);
      const box = (await images.first().boundingBox())!;
      expect(box.width).toBeGreaterThan(20);
    }
    expect(await brokenFallbackImages(page.getByTestId('digits-interpolate-fallback'))).toEqual([]);
    // The layer diagram lists all 11 layers with shapes.
    await expect(page.getByTestId('digits-network-fallback').locator('li[data-kind]').count()).resolves.toBe(11);
    await context.close();
  });
});
