/**
 * One source of truth for theme and resolution in the figures:
 * - every Chart.js chart's tick labels and legend keep ≥ 4.5:1 contrast
 *   against the figure's background after each theme toggle (read from the
 *   pixels the reader sees: an element screenshot of the chart's lower strip,
 *   below the plot area, where only tick labels and the legend are drawn in
 *   strong colours);
 * - every drawing canvas (not the deliberately coarse data maps) has a
 *   backing store of CSS size × devicePixelRatio at ratios 2 and 3, and
 *   follows a change of ratio while the page is open;
 * - a page restored from the back/forward cache shows the theme chosen
 *   meanwhile on another page.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchBrowser, watchedPage } from './browser';

const origin = inject('origin');
/** Figures drawn with Chart.js, by page. */
const CHARTS: Record<string, string[]> = {
  '/neural-nets/': ['relu', 'digits-interpolate'],
  '/training/': ['fit1d-target', 'fit1d-random', 'fit1d-train'],
};

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** WCAG 2.x relative luminance of an sRGB colour (0–255 channels). */
function luminance([r, g, b]: number[]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}
/** WCAG contrast ratio of two colours. */
function contrast(a: number[], b: number[]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The figure's background colour as the reader sees it (first opaque background up the tree). */
async function backgroundOf(page: Page, selector: string): Promise<number[]> {
  return page.evaluate((sel) => {
    let el: Element | null = document.querySelector(sel);
    while (el) {
      const m = getComputedStyle(el).backgroundColor.match(/[\d.]+/g)?.map(Number) ?? [];
      if (m.length >= 3 && (m.length === 3 || m[3]! > 0.99)) return m.slice(0, 3);
      el = el.parentElement;
    }
    return [255, 255, 255];
  }, selector);
}

/**
 * Contrast of the strongest neutral (grey) pixel in the bottom strip of a
 * chart canvas — the x tick labels and the legend's text, both drawn in the
 * theme's greys — against the figure background.
 */
async function stripContrast(page: Page, chart: { fig: string; nth: number }): Promise<number> {
  const canvas = page.locator(`${chart.fig} canvas`).nth(chart.nth);
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  const strip = Math.min(28, box.height * 0.22);
  const png = await page.screenshot({ clip: { x: box.x, y: box.y + box.height - strip, width: box.width, height: strip } });
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const bg = await backgroundOf(page, chart.fig);
  let best = 1;
  for (let i = 0; i < info.width * info.height; i++) {
    const px = [data[3 * i]!, data[3 * i + 1]!, data[3 * i + 2]!];
    // Labels are drawn in the theme's neutral greys; legend swatches and data lines are coloured: skip those.
    if (Math.max(...px) - Math.min(...px) > 40) continue;
    const c = contrast(px, bg);
    if (c > best) best = c;
  }
  return best;
}

/** Toggle the theme by the header's button until `<html data-theme>` is `want`. */
async function setTheme(page: Page, want: 'light' | 'dark'): Promise<void> {
  for (let i = 0; i < 3 && (await page.evaluate(() => document.documentElement.dataset.theme)) !== want; i++) {
    await page.locator('[data-theme-toggle]').click();
  }
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(want);
  await page.waitForTimeout(250);
}

/** Canvas selectors of the chart figures of a page, once drawn. */
async function readyCharts(page: Page, ids: string[]): Promise<{ fig: string; nth: number }[]> {
  const out: { fig: string; nth: number }[] = [];
  for (const id of ids) {
    const fig = `figure[data-figure-id="${id}"]`;
    await page.locator(fig).scrollIntoViewIfNeeded();
    // A figure whose chart is one of two views: show the chart.
    await page.waitForFunction((sel) => !document.querySelector(`${sel} astro-island[ssr]`), fig, { timeout: 40_000 });
    await page.waitForTimeout(300);
    const overlay = page.locator(`${fig} [data-view-button="overlay"]`);
    if (await overlay.count()) await overlay.click();
    const isChart = (c: HTMLCanvasElement) => c.getBoundingClientRect().height > 40 && getComputedStyle(c).imageRendering !== 'pixelated';
    await page
      .waitForFunction(
        ([sel, test]) => {
          const chart = new Function(`return ${test}`)() as (c: HTMLCanvasElement) => boolean;
          return [...document.querySelectorAll<HTMLCanvasElement>(`${sel} canvas`)].some(chart) && !document.querySelector(`${sel} astro-island[ssr]`);
        },
        [fig, isChart.toString()] as const,
        { timeout: 40_000 },
      )
      .catch((e: unknown) => {
        throw new Error(`${id}: no chart drawn (${String(e)})`);
      });
    await page.waitForTimeout(400);
    const shown = await page.$$eval(`${fig} canvas`, (cs) => cs.map((c) => c.getBoundingClientRect().height > 40 && getComputedStyle(c).imageRendering !== 'pixelated'));
    shown.forEach((ok, nth) => ok && out.push({ fig, nth }));
  }
  return out;
}

describe('charts follow the theme', () => {
  for (const [path, ids] of Object.entries(CHARTS)) {
    it(`${path}: tick labels and legends keep ≥ 4.5:1 after each toggle`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
      const { page, problems } = await watchedPage(context, origin);
      await page.goto(`${origin}${path}?l=en`);
      const canvases = await readyCharts(page, ids);
      expect(canvases.length).toBeGreaterThanOrEqual(ids.length);
      const low: string[] = [];
      for (const theme of ['dark', 'light', 'dark'] as const) {
        await setTheme(page, theme);
        for (const c of canvases) {
          const ratio = await stripContrast(page, c);
          if (ratio < 4.5) low.push(`${c.fig} canvas ${c.nth} in ${theme}: ${ratio.toFixed(2)}`);
        }
      }
      expect(low).toEqual([]);
      expect(problems.pageErrors).toEqual([]);
      await context.close();
    }, 120_000);
  }
});

/** Backing size vs CSS size × devicePixelRatio of every drawing canvas on the page (data maps and pixel-art excluded). */
async function canvasSizes(page: Page): Promise<{ id: string; dpr: number; css: [number, number]; backing: [number, number] }[]> {
  return page.$$eval('figure canvas', (els) =>
    (els as HTMLCanvasElement[])
      .filter((c) => !c.hasAttribute('data-pixel-map') && getComputedStyle(c).imageRendering !== 'pixelated' && c.getBoundingClientRect().width > 0)
      .map((c) => {
        const r = c.getBoundingClientRect();
        return {
          id: `${c.closest('figure')?.getAttribute('data-figure-id')} ${c.className}`,
          dpr: window.devicePixelRatio,
          css: [r.width, r.height] as [number, number],
          backing: [c.width, c.height] as [number, number],
        };
      }),
  );
}

function wrongSizes(list: Awaited<ReturnType<typeof canvasSizes>>): string[] {
  return list
    .filter((c) => Math.abs(c.backing[0] - c.css[0] * c.dpr) > 2 || Math.abs(c.backing[1] - c.css[1] * c.dpr) > 2)
    .map((c) => `${c.id}: ${c.backing.join('×')} for ${c.css.map((v) => v.toFixed(1)).join('×')} CSS px at ${c.dpr}×`);
}

describe('canvases match the screen', () => {
  const PAGE = '/neural-nets/';
  const IDS = ['digits-network', 'relu', 'digits-interpolate'];
  for (const dpr of [2, 3]) {
    it(`backing store = CSS size × ${dpr} on a ${dpr}× screen`, async () => {
      const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, deviceScaleFactor: dpr });
      const page = await context.newPage();
      await page.goto(`${origin}${PAGE}?l=en`);
      await readyCharts(page, IDS);
      const sizes = await canvasSizes(page);
      expect(sizes.length).toBeGreaterThanOrEqual(3);
      // A chart may still be laying itself out after its first draw: allow it a moment to settle.
      await expect.poll(async () => wrongSizes(await canvasSizes(page)), { timeout: 10_000 }).toEqual([]);
      await context.close();
    }, 90_000);
  }

  it('follows a change of devicePixelRatio (browser zoom) without a reload', async () => {
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${origin}${PAGE}?l=en`);
    await readyCharts(page, IDS);
    const cdp = await context.newCDPSession(page);
    // Browser zoom to 200 %: twice the device pixels per CSS px, half the CSS viewport.
    await cdp.send('Emulation.setDeviceMetricsOverride', { width: 550, height: 400, deviceScaleFactor: 2, mobile: false });
    await page.waitForFunction(() => window.devicePixelRatio === 2);
    // Let the page run a rendering step (headless runs none unless one is requested): media query change events fire there.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.waitForTimeout(500);
    const sizes = await canvasSizes(page);
    expect(sizes.every((s) => s.dpr === 2)).toBe(true);
    expect(wrongSizes(sizes)).toEqual([]);
    await context.close();
  }, 90_000);
});

describe('theme on a page shown again', () => {
  it('a page restored from the back/forward cache shows the theme and view chosen meanwhile', async () => {
    // Playwright turns the back/forward cache off by default; this browser keeps it on.
    const bfBrowser = await launchBrowser({ ignoreDefaultArgs: ['--disable-back-forward-cache'] });
    const context = await bfBrowser.newContext({ viewport: { width: 1100, height: 800 }, colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(`${origin}/glossary/?l=en`);
    await page.evaluate(() => {
      (window as unknown as { __restored: boolean }).__restored = false;
      window.addEventListener('pageshow', (e) => {
        if (e.persisted) (window as unknown as { __restored: boolean }).__restored = true;
      });
    });
    await page.goto(`${origin}/?l=en`);
    await setTheme(page, 'dark');
    await page.locator('label[for="view-l-both"]').click();
    expect(await page.evaluate(() => document.documentElement.dataset.l)).toBe('both');
    await page.goBack({ waitUntil: 'commit' });
    await page.waitForFunction(() => document.readyState === 'complete');
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { __restored?: boolean }).__restored)).toBe(true);
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(await page.locator('[data-theme-toggle]').getAttribute('data-state')).toBe('dark');
    expect(await page.evaluate(() => document.documentElement.dataset.l)).toBe('both');
    expect(await page.locator('#view-l-both').isChecked()).toBe(true);
    await bfBrowser.close();
  }, 60_000);
});
