/**
 * The cat/dog figures on /neural-nets/ in Chromium: the committed photos are
 * classified (cat as cat, dogs as dogs), the layer grids have one image per
 * channel, clicking a channel shows its kernel, picking a photo updates all
 * four figures, bad uploads (not an image, SVG, truncated, 50 megapixels)
 * give a message or are handled, nothing is uploaded, and the static
 * fallback is there without JavaScript.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import sharp from 'sharp';
import { launchBrowser, watchedPage, type PageProblems } from './browser';
import { parseManifest } from '../../src/lib/models/manifest';

const origin = inject('origin');
const PAGE = '/neural-nets/';
const FIGURES = ['catdog-examples', 'catdog-typical-cat', 'catdog-layer1', 'catdog-layer10'];
const fig = (id: string) => `figure[data-figure-id="${id}"]`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;
/** A 50-megapixel JPEG (one flat colour, ~300 KB), encoded while the page loads (it takes seconds). */
const bigPhoto = sharp({ create: { width: 8660, height: 5774, channels: 3, background: { r: 120, g: 90, b: 60 } } }).jpeg({ quality: 70 }).toBuffer();
/** Requests made by the page, for the "never uploaded" check. */
const requests: { method: string; url: string }[] = [];

/** Channels of a layer by the committed manifest. */
function channels(name: string): number {
  const entry = parseManifest(readFileSync('public/models/manifest.json', 'utf8')).models['catdog']!;
  const layer = entry.architecture.find((l) => l.name === name)!;
  return layer.outputShape[layer.outputShape.length - 1]!;
}

async function liveKey(id: string): Promise<string | null> {
  return page.locator(`${fig(id)} [data-catdog-figure]`).getAttribute('data-catdog-key');
}

/** Wait until all four figures show `sampleId` (drawn with a photo key above `afterKey`). */
async function waitAllShow(sampleId: string, afterKey = -1): Promise<void> {
  await page.waitForFunction(
    ([ids, sid, after]) => ids.every((id) => {
      const root = document.querySelector(`figure[data-figure-id="${id}"] [data-catdog-figure]`);
      return root?.getAttribute('data-current') === sid && Number(root.getAttribute('data-catdog-key') ?? -1) > after;
    }),
    [FIGURES, sampleId, afterKey] as const,
    { timeout: 30_000 },
  );
}

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  ({ page, problems } = await watchedPage(context, origin));
  page.on('request', (r) => requests.push({ method: r.method(), url: r.url() }));
  await page.goto(origin + PAGE + '?l=en');
  // Islands hydrate when visible: show each figure until its island has hydrated.
  for (const id of FIGURES) {
    await page.locator(fig(id)).scrollIntoViewIfNeeded();
    await page.waitForSelector(`${fig(id)} astro-island:not([ssr])`, { timeout: 30_000 });
  }
  await page.locator(fig('catdog-examples')).scrollIntoViewIfNeeded();
  await page.waitForSelector(`${fig('catdog-examples')} [data-live="true"][data-catdog-key]`, { timeout: 60_000 });
  await waitAllShow('cat-chelsea');
}, 90_000);

afterAll(async () => {
  await browser?.close();
});

describe('classification of the committed photos', () => {
  it('calls the cat photo a cat and the dog photos dogs, showing both probabilities', async () => {
    const probs = await page.$$eval(`${fig('catdog-examples')} button[data-sample]`, (buttons) =>
      buttons.map((b) => ({
        id: b.getAttribute('data-sample'),
        cat: Number(b.querySelector('[data-class="cat"]')!.getAttribute('data-prob')),
        dog: Number(b.querySelector('[data-class="dog"]')!.getAttribute('data-prob')),
      })),
    );
    expect(probs.map((p) => p.id)).toEqual(['cat-chelsea', 'dog-bicycle', 'dog-person-horse']);
    for (const p of probs) expect(p.cat + p.dog).toBeCloseTo(1, 3);
    expect(probs[0]!.cat).toBeGreaterThan(0.5);
    expect(probs[1]!.dog).toBeGreaterThan(0.5);
    // The third photo (a small dog in a wide field) is meant to be a closer call; its numbers are shown either way.
    expect(probs[2]!.dog).toBeGreaterThan(0);
    // The verdict line names the class.
    await expect(page.locator(`${fig('catdog-examples')} .cd-verdict-line .ui-en`).textContent()).resolves.toMatch(/cat/);
  });

  it('shows the 32×32 view the network receives', async () => {
    const size = await page.$eval(`${fig('catdog-examples')} canvas.cd-seen-img`, (c) => [(c as HTMLCanvasElement).width, (c as HTMLCanvasElement).height]);
    expect(size).toEqual([32, 32]);
  });
});

describe('layer grids', () => {
  it('have as many images as the layers have channels', async () => {
    const n1 = channels('conv1');
    const n10 = channels('relu4');
    expect(n1).toBe(24);
    expect(n10).toBe(72);
    expect(await page.locator(`${fig('catdog-layer1')} .cd-tile canvas`).count()).toBe(n1);
    expect(await page.locator(`${fig('catdog-layer10')} .cd-tile canvas`).count()).toBe(n10);
  });

  it('enlarge a clicked channel and show its kernel', async () => {
    await page.locator(`${fig('catdog-layer1')} .cd-tile[data-channel="4"]`).click();
    await expect(page.locator(`${fig('catdog-layer1')} .cd-detail`).getAttribute('data-detail-channel')).resolves.toBe('4');
    await expect(page.locator(`${fig('catdog-layer1')} .cd-kernel`).getAttribute('data-kernel-shape')).resolves.toBe('5x5x3');
    expect(await page.locator(`${fig('catdog-layer1')} .cd-kernel canvas`).count()).toBe(4); // R, G, B + colour
    await page.locator(`${fig('catdog-layer10')} .cd-tile[data-channel="0"]`).click();
    await expect(page.locator(`${fig('catdog-layer10')} .cd-kernel`).getAttribute('data-kernel-shape')).resolves.toBe('3x3x48');
  });
});

describe('picking and uploading photos', () => {
  it('picking a dog photo updates all four figures', async () => {
    const before = await liveKey('catdog-layer10');
    await page.locator(`${fig('catdog-examples')} button[data-sample="dog-bicycle"]`).click();
    await waitAllShow('dog-bicycle');
    expect(await liveKey('catdog-layer10')).not.toBe(before);
    await expect(page.locator(`${fig('catdog-typical-cat')} img.cd-photo`).getAttribute('src')).resolves.toMatch(/dog-bicycle\.jpg$/);
  });

  it('an uploaded non-image shows a clear message and keeps the current photo', async () => {
    const pick = page.locator(`${fig('catdog-examples')} input[data-catdog-file="pick"]`);
    await pick.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('this is not a picture\n') });
    const msg = page.locator(`${fig('catdog-examples')} [data-catdog-error="photo"]`);
    await msg.waitFor({ timeout: 10_000 });
    expect(await msg.locator('.ui-en').textContent()).toMatch(/not an image/);
    expect(await msg.locator('.ui-zh').textContent()).toMatch(/不是图片/);
    expect(await page.locator(`${fig('catdog-examples')} [data-catdog-figure]`).getAttribute('data-current')).toBe('dog-bicycle');
  });

  it('an SVG is refused with its own message, even when named .jpg', async () => {
    const pick = page.locator(`${fig('catdog-examples')} input[data-catdog-file="pick"]`);
    await pick.setInputFiles({ name: 'cat.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>') });
    const msg = page.locator(`${fig('catdog-examples')} [data-catdog-error="photo"] .ui-en`);
    await expect.poll(() => msg.textContent(), { timeout: 10_000 }).toMatch(/SVG/);
  });

  it('a truncated JPEG is decoded as far as it goes, with a warning, or refused with a message', async () => {
    const full = readFileSync('public/samples/cat-chelsea.jpg');
    const pick = page.locator(`${fig('catdog-examples')} input[data-catdog-file="pick"]`);
    await pick.setInputFiles({ name: 'half.jpg', mimeType: 'image/jpeg', buffer: full.subarray(0, Math.floor(full.length * 0.6)) });
    await page.waitForFunction(
      () => document.querySelector('[data-catdog-error="photo"]') || document.querySelector('.cd-warn') || document.querySelector('[data-catdog-figure="examples"][data-current="upload"]'),
      null,
      { timeout: 15_000 },
    );
    const state = await page.evaluate(() => ({
      error: document.querySelector('[data-catdog-error="photo"] .ui-en')?.textContent ?? null,
      warning: document.querySelector('.cd-warn .ui-en')?.textContent ?? null,
    }));
    expect(state.error ?? state.warning).toBeTruthy();
  });

  it('a phone photo with an EXIF rotation is decoded upright, not stretched', async () => {
    // 1600×1200 pixels, left half red, right half blue, EXIF orientation 6: shown as 1200×1600 with red on top.
    const w = 1600, h = 1200;
    const raw = Buffer.alloc(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw[(y * w + x) * 3 + (x < w / 2 ? 0 : 2)] = 255;
    const jpg = await sharp(raw, { raw: { width: w, height: h, channels: 3 } }).withMetadata({ orientation: 6 }).jpeg().toBuffer();
    await page.locator(`${fig('catdog-examples')} input[data-catdog-file="pick"]`).setInputFiles({ name: 'phone.jpg', mimeType: 'image/jpeg', buffer: jpg });
    await page.waitForFunction(() => (document.querySelector('[data-catdog-figure="examples"] .cd-drop img') as HTMLImageElement | null)?.naturalHeight === 640, null, { timeout: 15_000 });
    const size = await page.$eval(`${fig('catdog-examples')} .cd-drop img`, (img) => [(img as HTMLImageElement).naturalWidth, (img as HTMLImageElement).naturalHeight]);
    expect(size).toEqual([480, 640]);
    const corners = await page.$eval(`${fig('catdog-examples')} canvas.cd-seen-img`, (c) => {
      const d = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, 32, 32).data;
      return { top: [d[0], d[2]], bottom: [d[31 * 32 * 4], d[31 * 32 * 4 + 2]] };
    });
    expect(corners.top[0]).toBeGreaterThan(200);
    expect(corners.bottom[1]).toBeGreaterThan(200);
  });

  it('a 50-megapixel photo is downscaled in the browser and classified; nothing is uploaded', { timeout: 60_000 }, async () => {
    const big = await bigPhoto;
    const key = Number(await liveKey('catdog-examples'));
    const before = requests.length;
    const t0 = Date.now();
    const pick = page.locator(`${fig('catdog-examples')} input[data-catdog-file="pick"]`);
    await pick.setInputFiles({ name: 'huge.jpg', mimeType: 'image/jpeg', buffer: big });
    await waitAllShow('upload', key);
    const seconds = (Date.now() - t0) / 1000;
    expect(seconds).toBeLessThan(20);
    const thumb = await page.$eval(`${fig('catdog-examples')} .cd-drop img`, (img) => [(img as HTMLImageElement).naturalWidth, (img as HTMLImageElement).naturalHeight]);
    expect(Math.max(...thumb)).toBeLessThanOrEqual(640);
    // No request carried the photo: nothing but GETs of this site's own files.
    const after = requests.slice(before).filter((r) => !r.url.startsWith('blob:') && !r.url.startsWith('data:'));
    expect(after.filter((r) => r.method !== 'GET')).toEqual([]);
    expect(problems.foreignRequests).toEqual([]);
  });

  it('had no page errors', () => {
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
  });
});

describe('when the weights cannot be loaded', () => {
  it('says so in both languages and keeps the precomputed figures', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p = await ctx.newPage();
    await p.route('**/models/catdog/weights.bin', (route) => route.fulfill({ status: 200, body: Buffer.from('corrupted') }));
    await p.goto(origin + PAGE);
    await p.locator(fig('catdog-layer1')).scrollIntoViewIfNeeded();
    const alert = p.locator(`${fig('catdog-layer1')} .cd-error[role="alert"]`);
    await alert.waitFor({ timeout: 60_000 });
    expect(await alert.locator('.ui-en').textContent()).toMatch(/could not start.*checksum/);
    expect(await alert.locator('.ui-zh').textContent()).toMatch(/静态图/);
    expect(await p.locator(`${fig('catdog-layer1')} .cd-sprite`).count()).toBe(24);
    await ctx.close();
  }, 90_000);
});

describe('without JavaScript', () => {
  it('shows the precomputed figures', async () => {
    const ctx = await browser.newContext({ javaScriptEnabled: false });
    const p = await ctx.newPage();
    await p.goto(origin + PAGE);
    expect(await p.locator(`${fig('catdog-layer1')} .cd-sprite`).count()).toBe(24);
    expect(await p.locator(`${fig('catdog-layer10')} .cd-sprite`).count()).toBe(72);
    // The sprites are lazy images: nothing below the first screen is fetched before the reader scrolls to it.
    expect(await p.locator(`${fig('catdog-layer1')} img.cd-sprite[loading="lazy"]`).count()).toBe(24);
    expect(await p.locator(`${fig('catdog-typical-cat')} img.cd-photo`).getAttribute('src')).toMatch(/cat-chelsea\.jpg$/);
    const catProb = Number(await p.locator(`${fig('catdog-examples')} button[data-sample="cat-chelsea"] [data-class="cat"]`).getAttribute('data-prob'));
    expect(catProb).toBeGreaterThan(0.5);
    expect(await p.locator(`${fig('catdog-examples')}`).textContent()).toMatch(/Stéfan van der Walt/);
    await ctx.close();
  });
});
