/**
 * Reading stays light (issue 2): before any interaction a content page ships
 * at most 8 KB of JavaScript and 12 KB of CSS (gzip), and no TensorFlow.js,
 * wasm or model weights; the search code is not loaded until search opens.
 * Issue 12: on a phone (390×844, no scrolling) a reading page's first load is
 * at most 2 × its text + 16 KB and its HTML at most 2 × its text + 8 KB (gzip).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { measurePageWeight, weightBudget } from '../../scripts/bench/lib/page-weight';

const origin = inject('origin');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('page weight before interaction', () => {
  for (const path of ['/flac-jpeg/', '/neural-nets/', '/training/']) {
    it(`${path}: ≤ 8 KB JS, ≤ 12 KB CSS, no tfjs, wasm, weights or search index`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const m = await measurePageWeight(context, origin + path);
      await context.close();
      expect(m.jsGzip).toBeLessThanOrEqual(8 * 1024);
      expect(m.cssGzip).toBeLessThanOrEqual(12 * 1024);
      const heavy = m.resources.filter((r) => r.kind === 'wasm' || r.kind === 'model' || /tfjs|pagefind/.test(r.url));
      expect(heavy.map((r) => r.url)).toEqual([]);
    }, 60_000);
  }
});

describe('first load on a phone within the text budget (issue 12)', () => {
  for (const path of ['/flac-jpeg/', '/neural-nets/', '/training/']) {
    it(`${path}: first load ≤ 2 × text + 16 KB, HTML ≤ 2 × text + 8 KB, no image data or lazy content fetched`, async () => {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      const m = await measurePageWeight(context, origin + path);
      await context.close();
      const budget = weightBudget(m.textGzip);
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      const list = m.resources.map((r) => `${r.url.replace(origin, '')} ${kb(r.gzip)}`).join(', ');
      expect(m.textGzip, 'the page has text').toBeGreaterThan(1024);
      expect(m.htmlGzip, `HTML ${kb(m.htmlGzip)} vs text ${kb(m.textGzip)}`).toBeLessThanOrEqual(budget.html);
      expect(m.totalGzip, `first load ${kb(m.totalGzip)} vs text ${kb(m.textGzip)}: ${list}`).toBeLessThanOrEqual(budget.total);
      // Figure files and island props (/_fig/) belong to figures below the first screen.
      expect(m.resources.filter((r) => r.url.includes('/_fig/')).map((r) => r.url)).toEqual([]);
    }, 60_000);
  }
});
