/**
 * The site header's size (issue: "the header wraps to two rows at 1280 px and
 * takes 113–160 px of a phone"):
 * - at 1280 × 800 it is one row (≤ 64 px) on every page, in every interface
 *   language (中文 / English / 双语) and every content view of the reading pages;
 * - on phones (320 and 375 px wide) it is ≤ 64 px (≤ 72 px in 双语) on every page
 *   in every interface language, and at 320, 375, 640 (a laptop at 200 % zoom),
 *   1024 and 1100 px no header control runs past the edge of the screen or
 *   overlaps another one;
 * - a paragraph opened by its link (`#s05-p18`) lands below the sticky header,
 *   whatever the interface language and however many rows the header takes.
 * The interface language is set as the reader's stored choice (`reader-ui`)
 * before the page loads. The header is measured once the page's styles and fonts are in
 * (DOMContentLoaded waits for the stylesheet the page's deferred script follows; fonts.ready).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { builtPages } from './built-pages';

const origin = inject('origin');
const UI = ['zh', 'en', 'both'] as const;
type Ui = (typeof UI)[number];
/** Reading pages get every content view (the header's view switches change width with it). */
const READING = new Set(['/flac-jpeg/', '/neural-nets/', '/training/']);
const VIEWS = ['?l=zh', '?l=en', '?l=both', '?l=both&r=free', '?l=compare'];

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A context of the given width whose stored interface language is `ui`. */
async function contextFor(width: number, height: number, ui: Ui): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width, height }, reducedMotion: 'reduce' });
  await context.addInitScript((ui) => localStorage.setItem('reader-ui', ui), ui);
  return context;
}

/**
 * The header's height (px) and what is wrong with its controls: shown ones past the
 * viewport's edges, or overlapping another shown control (by more than 1 px).
 */
function measureHeader(page: Page): Promise<{ height: number; problems: string[] }> {
  return page.evaluate(async () => {
    await document.fonts.ready;
    const header = document.querySelector('header.site-header')!;
    const controls = [...header.querySelectorAll<HTMLElement>('.brand, .nav a, .search-open, .search-link, .tools .seg, .ui-lang, .theme-toggle, .para-numbers-toggle')]
      .filter((el) => el.checkVisibility() && el.getBoundingClientRect().width > 0 && !el.closest('.controls:popover-open'));
    const name = (el: Element) => `${el.className || el.tagName}`.split(' ')[0] + `“${(el.textContent ?? '').trim().slice(0, 16)}”`;
    const problems: string[] = [];
    const rects = controls.map((el) => el.getBoundingClientRect());
    rects.forEach((r, i) => {
      if (r.left < -0.5 || r.right > innerWidth + 0.5) problems.push(`${name(controls[i]!)} past the edge (${Math.round(r.left)}–${Math.round(r.right)})`);
      for (let j = i + 1; j < rects.length; j++) {
        const o = rects[j]!;
        if (controls[i]!.contains(controls[j]!) || controls[j]!.contains(controls[i]!)) continue;
        const w = Math.min(r.right, o.right) - Math.max(r.left, o.left);
        const h = Math.min(r.bottom, o.bottom) - Math.max(r.top, o.top);
        if (w > 1 && h > 1) problems.push(`${name(controls[i]!)} overlaps ${name(controls[j]!)}`);
      }
    });
    if (header.scrollWidth > header.clientWidth + 1) problems.push(`header wider than the screen (${header.scrollWidth} px)`);
    return { height: Math.round(header.getBoundingClientRect().height), problems };
  });
}

describe('one row at 1280 px', () => {
  for (const ui of UI) {
    it(`≤ 64 px on every page and view, interface ${ui}`, async () => {
      const context = await contextFor(1280, 800, ui);
      const page = await context.newPage();
      const failures: string[] = [];
      for (const path of builtPages()) {
        for (const view of READING.has(path) ? VIEWS : ['']) {
          await page.goto(origin + path + view, { waitUntil: 'domcontentloaded' });
          const { height, problems } = await measureHeader(page);
          if (height > 64) failures.push(`${path}${view}: ${height} px`);
          failures.push(...problems.map((p) => `${path}${view}: ${p}`));
        }
      }
      expect(failures).toEqual([]);
      await context.close();
    }, 60_000);
  }
});

describe('compact on phones, whole at every width', () => {
  for (const ui of UI) {
    it(`≤ ${ui === 'both' ? 72 : 64} px at 320 and 375, nothing clipped at 320–1100, interface ${ui}`, async () => {
      const failures: string[] = [];
      for (const width of [320, 375, 640, 1024, 1100]) {
        const context = await contextFor(width, width < 700 ? 700 : 800, ui);
        const page = await context.newPage();
        // Phones: every page; wider: the pages with the most header controls.
        const paths = width <= 375 ? builtPages() : ['/neural-nets/?l=compare', '/glossary/'];
        for (const path of paths) {
          await page.goto(origin + path, { waitUntil: 'domcontentloaded' });
          const { height, problems } = await measureHeader(page);
          if (width <= 375 && height > (ui === 'both' ? 72 : 64)) failures.push(`${width}px ${path}: ${height} px`);
          failures.push(...problems.map((p) => `${width}px ${path}: ${p}`));
        }
        await context.close();
      }
      expect(failures).toEqual([]);
    }, 60_000);
  }
});

describe('a linked paragraph is not under the header', () => {
  it('#s05-p18 lands below the header and on screen (1024 and 1280 px, every interface language)', async () => {
    const failures: string[] = [];
    for (const width of [1024, 1280]) {
      for (const ui of UI) {
        const context = await contextFor(width, 800, ui);
        const page = await context.newPage();
        await page.goto(`${origin}/neural-nets/#s05-p18`, { waitUntil: 'load' });
        await page.waitForTimeout(300);
        const r = await page.evaluate(() => ({
          header: document.querySelector('header.site-header')!.getBoundingClientRect().bottom,
          top: document.getElementById('s05-p18')!.getBoundingClientRect().top,
          vh: innerHeight,
        }));
        if (r.top < r.header || r.top > r.vh / 2) failures.push(`${width}px ${ui}: paragraph top ${Math.round(r.top)} px, header bottom ${Math.round(r.header)} px`);
        await context.close();
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
