/**
 * The floating reading-controls button (`.view-fab`, shown on phones) never
 * covers text: on every built page, in every reading view, at 320 and 375 px,
 * in each interface language, no line of text (a text node's line box, HTML or
 * SVG) can come to rest under the button at any scroll position, from the top
 * of the page to its end.
 *
 * The button is fixed to the window, so over a whole scroll it passes over the
 * page band from its own top at scroll 0 to its bottom at the last scroll
 * position; a text line in that band is covered at some resting position when
 * it also shares the button's columns. Text inside fixed or sticky elements
 * (they move with the button), the part of a line its scroll box or a clipping
 * box cuts off, hidden text (visibility, opacity) and
 * visually-hidden labels (clipped to 1 px) are left out.
 *
 * Cost: one load per page and width; views and interface languages are applied
 * in place (reading-control radios, the language select).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchedPage } from './browser';
import { applyView, builtPages, hydrateAll, viewModes } from './built-pages';

const origin = inject('origin');
const pages = builtPages();
const views = viewModes();
const WIDTHS = [320, 375];
const UI = ['zh', 'en', 'both'];
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});



/** Switch the interface language through its select (as a reader does). */
function applyUi(page: Page, ui: string): Promise<void> {
  return page.evaluate((u) => {
    const select = document.getElementById('ui-lang') as HTMLSelectElement | null;
    if (!select) return;
    select.value = u;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, ui);
}

/**
 * Text lines that some resting scroll position puts under the button: each as
 * its text (first 30 characters) and box in page px. Null when the page shows no button.
 */
function coveredText(page: Page): Promise<string[] | null> {
  return page.evaluate(() => {
    const fab = document.querySelector<HTMLElement>('.view-fab');
    if (!fab || getComputedStyle(fab).display === 'none') return null;
    const f = fab.getBoundingClientRect();
    const y0 = scrollY;
    const maxScroll = document.documentElement.scrollHeight - innerHeight;
    // The page band the button passes over, in page coordinates.
    const band = { left: f.left, right: f.right, top: f.top + y0, bottom: maxScroll + f.bottom };
    const vw = document.documentElement.clientWidth;
    const moving = new Map<Element, boolean>();
    const movesWithWindow = (el: Element | null): boolean => {
      if (!el || el === document.body) return false;
      const known = moving.get(el);
      if (known !== undefined) return known;
      const pos = getComputedStyle(el).position;
      const v = pos === 'fixed' || pos === 'sticky' || movesWithWindow(el.parentElement);
      moving.set(el, v);
      return v;
    };
    // The visible part of an element's content: the window's columns cut by every ancestor that clips (a scroll box, overflow hidden).
    const clips = new Map<Element, { left: number; right: number }>();
    const clipOf = (el: Element | null): { left: number; right: number } => {
      if (!el || el === document.documentElement) return { left: 0, right: vw };
      const known = clips.get(el);
      if (known) return known;
      const up = clipOf(el.parentElement);
      let c = up;
      if (getComputedStyle(el).overflowX !== 'visible') {
        const r = el.getBoundingClientRect();
        c = { left: Math.max(up.left, r.left + el.clientLeft), right: Math.min(up.right, r.left + el.clientLeft + el.clientWidth) };
      }
      clips.set(el, c);
      return c;
    };
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      if (!text.trim()) continue;
      const parent = n.parentElement!;
      if (fab.contains(parent) || parent.closest('[popover], script, style, noscript, template, .visually-hidden')) continue;
      if (!parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
      if (movesWithWindow(parent)) continue;
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        if (r.width < 2 || r.height < 2) continue;
        const clip = clipOf(parent);
        const left = Math.max(clip.left, r.left);
        const right = Math.min(clip.right, r.right);
        const top = r.top + y0;
        const bottom = r.bottom + y0;
        if (right - left < 1 || Math.min(right, band.right) - Math.max(left, band.left) < 1) continue;
        if (Math.min(bottom, band.bottom) - Math.max(top, band.top) < 1) continue;
        out.push(`"${text.trim().slice(0, 30)}" at x ${Math.round(left)}–${Math.round(right)}, y ${Math.round(top)} (button x ${Math.round(band.left)}–${Math.round(band.right)})`);
        break;
      }
    }
    return out;
  });
}

describe('the floating controls button covers no text', () => {
  for (const width of WIDTHS) {
    for (const path of pages) {
      it(`${path} at ${width} px`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 640 }, locale: 'zh-CN' });
        try {
          const { page } = await watchedPage(context, origin);
          const url = path.startsWith('/search/') ? `${path}?q=weight` : path;
          await page.goto(origin + url, { waitUntil: 'networkidle' });
          if (path.startsWith('/search/')) await page.waitForFunction(() => document.querySelector('[data-search-results] a'));
          await hydrateAll(page);
          const problems: string[] = [];
          let shown = false;
          const reading = await page.evaluate(() => !!document.querySelector('.text [data-para-id]'));
          for (const view of reading ? views : [{}]) {
            if (reading && !(await applyView(page, view))) continue;
            for (const ui of UI) {
              await applyUi(page, ui);
              const covered = await coveredText(page);
              if (covered === null) continue;
              shown = true;
              for (const c of covered) problems.push(`${JSON.stringify(view)} ui ${ui}: ${c}`);
            }
          }
          expect(shown, 'the button is shown at this width').toBe(true);
          expect(problems.slice(0, 12)).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
});
