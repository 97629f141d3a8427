/**
 * The codec figure on /flac-jpeg/ (added by this site) in Chromium: it loads,
 * shows the original, JPEG at four qualities and the learned codec at three
 * rates with sizes and errors for each; picking another test digit and
 * drawing one both update the row; the rate–distortion plot gets both curves
 * (codec, JPEG payload, JPEG file) over 100 digits. A missing weight file
 * gives a clear message and keeps the fallback; without JavaScript the
 * fallback's plot and example row show.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchedPage } from './browser';

const origin = inject('origin');
const PAGE = `${origin}/flac-jpeg/`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const figure = (page: Page) => page.locator('figure[data-figure-id="codec-vs-jpeg"]');

interface CellData { method: string; setting: number; bytes: number; payload: number; psnr: number; ssim: number }

/** Every cell of the row, read in one round trip. */
function readRow(page: Page): Promise<{ source: string; cells: CellData[] }> {
  return page.evaluate(() => {
    const row = document.querySelector('[data-testid="codec-row"]') as HTMLElement | null;
    const cells = [...(row?.querySelectorAll('li[data-method]') ?? [])].map((li) => {
      const d = (li as HTMLElement).dataset;
      return { method: d['method']!, setting: Number(d['setting']), bytes: Number(d['bytes']), payload: Number(d['payload']), psnr: d['psnr'] === '∞' ? Infinity : Number(d['psnr']), ssim: Number(d['ssim']) };
    });
    return { source: row?.dataset['source'] ?? '', cells };
  });
}

function checkRow(cells: CellData[]): void {
  expect(cells.map((c) => c.method)).toEqual(['original', 'jpeg', 'jpeg', 'jpeg', 'jpeg', 'codec', 'codec', 'codec']);
  for (const c of cells.filter((c) => c.method === 'jpeg')) {
    expect(c.payload).toBeGreaterThan(0);
    expect(c.bytes).toBeGreaterThan(c.payload);
    expect(c.psnr).toBeGreaterThan(5);
    expect(c.ssim).toBeGreaterThan(0);
    expect(c.ssim).toBeLessThanOrEqual(1);
  }
  expect(cells.filter((c) => c.method === 'codec').map((c) => c.bytes)).toEqual([4, 8, 16]);
  for (const c of cells.filter((c) => c.method === 'codec')) expect(c.psnr).toBeGreaterThan(5);
  // Higher JPEG quality, bigger file.
  const jpeg = cells.filter((c) => c.method === 'jpeg');
  expect(jpeg[3]!.bytes).toBeGreaterThan(jpeg[0]!.bytes);
}

describe('codec figure', () => {
  it('measures a picked and a drawn digit with every method and plots both curves over 100 digits', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const { page, problems } = await watchedPage(context, origin);
    await page.goto(PAGE);
    await figure(page).scrollIntoViewIfNeeded();
    await figure(page).locator('[data-testid="codec-figure"][data-state="ready"]').waitFor({ timeout: 40_000 });
    await expect.poll(async () => (await readRow(page)).cells.length, { timeout: 20_000 }).toBe(8);
    const first = await readRow(page);
    expect(first.source).toBe('test-0');
    checkRow(first.cells);

    await figure(page).locator('button[data-pick="3"]').click();
    await expect.poll(async () => (await readRow(page)).source).toBe('test-3');
    await expect.poll(async () => (await readRow(page)).cells[5]!.psnr, { timeout: 10_000 }).not.toBe(first.cells[5]!.psnr);
    checkRow((await readRow(page)).cells);

    // Draw a "7".
    const box = (await page.getByTestId('digits-pad').boundingBox())!;
    const at = (x: number, y: number) => [box.x + x * box.width, box.y + y * box.height] as const;
    await page.mouse.move(...at(0.25, 0.22));
    await page.mouse.down();
    for (const p of [[0.72, 0.22], [0.45, 0.8]] as const) await page.mouse.move(...at(p[0], p[1]), { steps: 8 });
    await page.mouse.up();
    await expect.poll(async () => (await readRow(page)).source).toBe('drawn');
    await expect.poll(async () => (await readRow(page)).cells.length, { timeout: 10_000 }).toBe(8);
    checkRow((await readRow(page)).cells);

    // The plot: progress to 100, then the curves.
    const rd = page.getByTestId('codec-rd');
    await expect.poll(() => rd.getAttribute('data-state'), { timeout: 60_000 }).toBe('done');
    await expect(rd.getAttribute('data-progress')).resolves.toBe('100');
    await expect(rd.getAttribute('data-curves')).resolves.toBe('codec:3,jpeg-payload:11,jpeg-file:11');
    // Chart.js sizes the canvas to its box on the next animation frame after the box appears (it is
    // 300 px wide, the canvas default, until then): wait for that, and fail if it never comes.
    await expect.poll(async () => (await rd.locator('canvas').boundingBox())?.width ?? 0, { timeout: 10_000 }).toBeGreaterThan(300);
    const chartBox = (await rd.locator('canvas').boundingBox())!;
    expect(chartBox.height).toBeGreaterThan(200);
    // The chart was painted (not a blank canvas).
    const painted = await rd.locator('canvas').evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i]! > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(1000);

    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.foreignRequests).toEqual([]);
    await context.close();
  });

  // Known bug (noted on issue 14): with the decoder's weights answering 404, the island sometimes stays
  // on "loading" (a race between hydration and the cached failed load, seen in ~half of the runs here);
  // the static fallback stays, but the message does not always appear. Skipped until that race is fixed.
  it('shows a clear message for a missing weight file and keeps the static fallback', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.route('**/models/codec-decoder/weights.bin', (route) => route.fulfill({ status: 404, body: 'not found' }));
    // The encoder's weights arrive after the decoder has failed, so its progress reports come
    // late: they must not turn the error back into "loading" (they did, in about half the runs).
    await context.route('**/models/codec-encoder/weights.bin', (route) => setTimeout(() => void route.continue(), 1500));
    const { page, problems } = await watchedPage(context, origin);
    const encoderDone = page.waitForResponse('**/models/codec-encoder/weights.bin', { timeout: 60_000 });
    await page.goto(PAGE);
    await figure(page).scrollIntoViewIfNeeded();
    const alert = figure(page).getByRole('alert');
    await alert.waitFor({ timeout: 40_000 });
    await (await encoderDone).finished();
    await page.waitForTimeout(300);
    await expect(figure(page).getByTestId('codec-figure').getAttribute('data-state')).resolves.toBe('error');
    await expect(alert.isVisible()).resolves.toBe(true);
    await expect(alert.textContent()).resolves.toMatch(/not found \(404\)|找不到模型文件/);
    await expect(figure(page).getByTestId('codec-fallback').isVisible()).resolves.toBe(true);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors.filter((e) => !/404/.test(e))).toEqual([]);
    await context.close();
  });

  it('shows the plot and an example row without JavaScript, at phone width', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 700 } });
    const page = await context.newPage();
    await page.goto(PAGE);
    const fallback = page.getByTestId('codec-fallback');
    await fallback.scrollIntoViewIfNeeded();
    const info = await fallback.evaluate(async (el) => {
      const imgs = [...el.querySelectorAll('img')];
      await Promise.all(imgs.map((i) => (i.complete ? null : new Promise((r) => { i.onload = i.onerror = r; }))));
      return {
        cells: el.querySelectorAll('li[data-method]').length,
        loaded: imgs.filter((i) => i.naturalWidth > 0).length,
        total: imgs.length,
        plotWidth: el.querySelector('img[src$="rd.svg"]')?.getBoundingClientRect().width ?? 0,
        overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        text: el.closest('figure')?.textContent ?? '',
      };
    });
    expect(info.cells).toBe(8);
    expect(info.loaded).toBe(info.total);
    expect(info.total).toBe(9);
    expect(info.plotWidth).toBeGreaterThan(250);
    expect(info.overflow).toBeLessThanOrEqual(0);
    // No "loading…" that would never end without JavaScript.
    expect(info.text).not.toMatch(/Loading the codec|正在载入/);
    await context.close();
  });
});
