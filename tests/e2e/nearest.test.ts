/**
 * The nearest-point figures of section 05 in Chromium: dragging a coffee shop
 * moves its cell; a slider changes the single neuron's map; a point picked in
 * figure "nearest-net-eval" gets the same output as the committed model run
 * in Node with tfjs; the map figures agree with the manifest; a missing
 * weight file leaves the static fallback with a clear message; without
 * JavaScript every figure still shows its static version.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { brokenFallbackImages, countInFallbackSvgs } from './fallback-files';
import { launchBrowser, watchedPage } from './browser';
import { NEAREST_GALLERY, NEAREST_MAIN } from '../../src/lib/models/nearest';
import { parseManifest } from '../../src/lib/models/manifest';

const origin = inject('origin');
const PAGE = `${origin}/neural-nets/`;
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
  await tf.setBackend('cpu');
});
afterAll(async () => {
  await browser?.close();
});

const fig = (page: Page, id: string) => page.locator(`figure[data-figure-id="${id}"]`);

/** Wait until the island inside a figure is hydrated (Astro removes the `ssr` attribute). */
async function hydrated(page: Page, id: string): Promise<void> {
  await fig(page, id).scrollIntoViewIfNeeded();
  await page.waitForFunction((sel) => !!document.querySelector(sel), `figure[data-figure-id="${id}"] astro-island:not([ssr])`, { timeout: 20_000 });
}

/** Centroid of an SVG path's vertices (M/L commands). */
function centroidOf(d: string): [number, number] {
  const nums = [...d.matchAll(/[ML]([-\d.]+) ([-\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]);
  return [nums.reduce((a, p) => a + p[0], 0) / nums.length, nums.reduce((a, p) => a + p[1], 0) / nums.length];
}

/** The committed 17-neuron model, run in Node with tfjs on the cpu backend. */
async function nodeModel(): Promise<tfl.LayersModel> {
  const dir = `public/models/${NEAREST_MAIN.name}`;
  const json = JSON.parse(readFileSync(`${dir}/model.json`, 'utf8')) as tf.io.ModelJSON;
  const bytes = readFileSync(`${dir}/weights.bin`);
  return tfl.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
      weightData: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    }),
  );
}

describe('nearest-point figures', () => {
  it('basins: dragging a shop moves its cell; a double tap removes it; a dropped marker names its shop', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const { page, problems } = await watchedPage(context, origin);
    await page.goto(PAGE);
    await hydrated(page, 'voronoi-basins');
    const f = fig(page, 'voronoi-basins');
    const cell = f.locator('path[data-cell="5"]');
    const before = centroidOf((await cell.getAttribute('d'))!);
    const box = (await f.locator('[data-shop="5"] circle').nth(1).boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 80, cy + 20, { steps: 8 });
    await page.mouse.up();
    const after = centroidOf((await cell.getAttribute('d'))!);
    expect(after[0] - before[0]).toBeGreaterThan(20);
    expect(after[1] - before[1]).toBeGreaterThan(0);

    // Drop the marker near shop 1: the read-out names shop 1.
    const s1 = (await f.locator('[data-shop="1"] circle').nth(1).boundingBox())!;
    await page.mouse.click(s1.x + s1.width / 2 + 25, s1.y + s1.height / 2 + 25);
    await expect.poll(() => f.locator('.nf-readout').innerText()).toMatch(/1 号店|shop 1\b/);

    // Double tap removes shop 7.
    const shops = f.locator('[data-shop]');
    const n = await shops.count();
    const s7 = (await f.locator('[data-shop="7"] circle').nth(1).boundingBox())!;
    await page.mouse.click(s7.x + s7.width / 2, s7.y + s7.height / 2);
    await page.mouse.click(s7.x + s7.width / 2, s7.y + s7.height / 2);
    await expect.poll(() => shops.count()).toBe(n - 1);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('single neuron: moving the w1 slider changes its map and formula', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const { page, problems } = await watchedPage(context, origin);
    await page.goto(PAGE);
    await hydrated(page, 'neuron-gallery');
    const f = fig(page, 'neuron-gallery');
    const gradient = f.locator('.nf-explorer [data-neuron-gradient]');
    const read = async () => [await gradient.getAttribute('x2'), await gradient.getAttribute('y2'), await f.locator('[data-neuron-formula]').innerText()];
    const before = await read();
    const slider = f.locator('input[data-param="w1"]');
    await slider.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
    const after = await read();
    expect(after[0]).not.toBe(before[0]);
    expect(after[2]).toContain('0.50x');
    expect(before[2]).toContain('1.00x');
    // A preset loads its weights into the sliders.
    await f.locator('.nf-gallery-item').nth(3).click();
    await expect.poll(() => f.locator('[data-neuron-formula]').innerText()).toBe('max(0, −1.00x + 0.50y + 0.30)');
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  it('evaluating the network: the page gives the same output as the committed model in Node', async () => {
    const model = await nodeModel();
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const { page, problems } = await watchedPage(context, origin);
    await page.goto(PAGE);
    const f = fig(page, 'nearest-net-eval');
    await f.scrollIntoViewIfNeeded();
    await f.locator('[data-state="ready"]').waitFor({ timeout: 40_000 });
    for (const [x, y] of [
      [0.42, -0.31],
      [-0.9, 0.95],
      [0.05, 0.12],
    ] as const) {
      await f.locator('input[data-coord="x"]').fill(String(x));
      await f.locator('input[data-coord="x"]').press('Enter');
      await f.locator('input[data-coord="y"]').fill(String(y));
      await f.locator('input[data-coord="y"]').press('Enter');
      await expect.poll(() => f.locator('input[data-coord="y"]').inputValue()).toBe(y.toFixed(2));
      const out = f.locator('[data-eval-output]');
      const probs = (await out.getAttribute('data-probs'))!.split(',').map(Number);
      const expected = tf.tidy(() => Array.from((model.predict(tf.tensor2d([[x, y]])) as tf.Tensor).dataSync()));
      probs.forEach((p, i) => expect(p).toBeCloseTo(expected[i]!, 4));
      const best = expected.indexOf(Math.max(...expected));
      expect(await out.getAttribute('data-answer')).toBe(['A', 'B', 'C'][best]);
    }
    model.dispose();
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.foreignRequests).toEqual([]);
    await context.close();
  });

  it('maps computed in the page agree with the manifest, for the 17-neuron net and the gallery', async () => {
    const manifest = parseManifest(readFileSync('public/models/manifest.json', 'utf8'));
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    const { page, problems } = await watchedPage(context, origin);
    await page.goto(PAGE);
    const map = fig(page, 'nearest-net-map');
    await map.scrollIntoViewIfNeeded();
    await map.locator('[data-map-ms]').waitFor({ timeout: 40_000 });
    const agreement = Number(await map.locator('[data-agreement]').getAttribute('data-agreement'));
    expect(agreement).toBeCloseTo(manifest.models[NEAREST_MAIN.name]!.metric.value, 6);
    expect(agreement).toBeGreaterThanOrEqual(0.97);

    const sizes = fig(page, 'nearest-sizes');
    await sizes.scrollIntoViewIfNeeded();
    await sizes.locator('[data-state="ready"]').waitFor({ timeout: 40_000 });
    for (const config of NEAREST_GALLERY) {
      const card = sizes.locator(`[data-net="${config.name}"]`);
      await card.locator('[data-agreement]').waitFor();
      await expect.poll(() => card.getAttribute('data-map-ms'), { timeout: 10_000 }).not.toBeNull();
      const a = Number(await card.locator('[data-agreement]').getAttribute('data-agreement'));
      expect(a).toBeCloseTo(manifest.models[config.name]!.metric.value, 6);
    }
    const largest = NEAREST_GALLERY.at(-1)!;
    expect(manifest.models[largest.name]!.metric.value).toBeGreaterThanOrEqual(0.995);
    // Pointing at one map shows every network's answer at that position (here inside A's basin).
    const mapBox = (await sizes.locator('.nf-map-panel svg').nth(2).boundingBox())!;
    await page.mouse.move(mapBox.x + mapBox.width * 0.3, mapBox.y + mapBox.height * 0.35, { steps: 3 });
    await expect.poll(() => sizes.locator('.nf-size-answer').count()).toBe(NEAREST_GALLERY.length);
    const answers = await sizes.locator('.nf-size-answer').allInnerTexts();
    expect(answers.slice(1).every((a) => a.includes('A'))).toBe(true);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('a missing weight file: clear message in both languages, the static map stays', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    await context.route(`**/models/${NEAREST_MAIN.name}/weights.bin`, (route) => route.fulfill({ status: 404, body: 'not found' }));
    const page = await context.newPage();
    await page.goto(PAGE);
    const map = fig(page, 'nearest-net-map');
    await map.scrollIntoViewIfNeeded();
    const alert = map.locator('[role="alert"]');
    await alert.waitFor({ timeout: 40_000 });
    const text = await alert.evaluate((el) => el.textContent ?? '');
    expect(text).toContain('找不到模型文件');
    expect(text).toContain('not found');
    await expect(map.locator('img.nf-map-img').count()).resolves.toBe(1);
    await context.close();
  });

  it('without JavaScript every nearest-point figure shows its static version', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(PAGE);
    // The drawings are SVG files shown by lazy <img> (scripts/build/figure-assets.ts); count inside the files.
    expect(await countInFallbackSvgs(fig(page, 'voronoi-basins'), 'path[data-cell]')).toBe(7);
    expect(await countInFallbackSvgs(fig(page, 'nearest-three-points'), 'circle.nf-point')).toBe(3);
    expect(await countInFallbackSvgs(fig(page, 'nearest-ideal'), 'path[fill-opacity]')).toBe(3);
    expect(await countInFallbackSvgs(fig(page, 'nearest-net-diagram'), 'line.nf-edge')).toBe(2 * 7 + 7 * 7 + 7 * 3);
    expect(await fig(page, 'nearest-net-eval').locator('[data-eval-output]').getAttribute('data-answer')).toMatch(/^[ABC]$/);
    expect(await countInFallbackSvgs(fig(page, 'relu'), 'svg polyline')).toBe(1);
    // The long formula travels in its own file; without JavaScript a note stands in its place.
    const formula = fig(page, 'nearest-formula').locator('[data-formula="0"]');
    expect(await formula.isVisible()).toBe(true);
    expect(await formula.innerText()).toMatch(/202|JavaScript/);
    const fragment = await page.request.get(new URL((await formula.getAttribute('data-fig-fragment-src'))!, page.url()).href);
    expect(await fragment.text()).toContain('<math');
    expect(await fig(page, 'nearest-formula').locator('.nf-formula-compact .katex').count()).toBe(1);
    expect(await fig(page, 'neuron-gallery').locator('.nf-gallery-item img[data-svg-fallback]').count()).toBeGreaterThanOrEqual(6);
    expect(await fig(page, 'nearest-net-map').locator('img.nf-map-img').getAttribute('src')).toMatch(/^\/_fig\/[0-9a-f]{16}\.png$/);
    expect(await fig(page, 'nearest-sizes').locator('img.nf-map-img').count()).toBe(NEAREST_GALLERY.length);
    // Every moved-out drawing decodes once scrolled to.
    expect(await brokenFallbackImages(page.locator('main'))).toEqual([]);
    // The static maps are real images, not empty: the PNG decodes to 200×200.
    const size = await fig(page, 'nearest-net-map').locator('img.nf-map-img').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
    expect(size).toEqual([200, 200]);
    await context.close();
  });
});
