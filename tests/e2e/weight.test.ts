/**
 * Reading stays light (issue 2): before any interaction a content page ships
 * at most 8 KB of JavaScript and 12 KB of CSS (gzip), and no TensorFlow.js,
 * wasm or model weights; the search code is not loaded until search opens.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { measurePageWeight } from '../../scripts/bench/lib/page-weight';

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
