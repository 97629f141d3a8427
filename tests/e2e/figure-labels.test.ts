/**
 * Figure labels fit their boxes: on every page with figures, at 320 and 375 px,
 * in each interface language (中文, English, 双语), once every figure has
 * hydrated, no line of text inside a figure (HTML or SVG) runs past the box
 * drawn round it. The box of a text is its nearest ancestor, up to the
 * `<figure>`, that is seen as a box (side borders, a background, a shadow) or cuts
 * its content (overflow other than visible; an `<svg>`'s viewport). A line
 * running past it reads as clipped or as spilling onto its neighbour (the
 * digits figure's `24×24×8` layer label did, at 375 px).
 * Scroll boxes (content wider than the box, overflow auto or scroll) are left
 * out: their text is meant to be scrolled to.
 *
 * Cost: one load per page and width; the interface language is switched in place.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFileSync } from 'node:fs';
import { launchBrowser, watchedPage } from './browser';
import { builtPages, hydrateAll } from './built-pages';

const origin = inject('origin');
const WIDTHS = [320, 375];
const UI = ['zh', 'en', 'both'];
const DIST = process.env.SITE_DIST ?? 'dist';
const figurePages = builtPages().filter((p) => readFileSync(`${DIST}${p.endsWith('/') ? `${p}index.html` : p}`, 'utf8').includes('data-figure-id'));
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

/** Text lines inside figures that run past their box: figure id, text, overflow in px. */
function overflows(page: Page): Promise<{ checked: number; problems: string[] }> {
  return page.evaluate(() => {
    const transparent = (c: string) => c === 'transparent' || /rgba\([^)]*,\s*0\)$/.test(c) || /\/\s*0\)$/.test(c);
    const boxOf = new Map<Element, Element | null>();
    /** The nearest ancestor (up to the figure) that is seen as a box or clips; null for a scroll box (left out). */
    const box = (el: Element, figure: Element): Element | null => {
      const known = boxOf.get(el);
      if (known !== undefined) return known;
      let found: Element | null = figure;
      for (let a: Element | null = el; a && a !== figure; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (a instanceof SVGSVGElement) {
          found = a;
          break;
        }
        if (a instanceof SVGElement) continue;
        const scrolls = /auto|scroll/.test(cs.overflowX) && a.scrollWidth > a.clientWidth + 1;
        if (scrolls) {
          found = null;
          break;
        }
        // A box: borders on its sides (a single rule, such as an axis line, is not one), a background, a shadow, or clipping.
        const drawn = (parseFloat(cs.borderLeftWidth) > 0 && parseFloat(cs.borderRightWidth) > 0) || !transparent(cs.backgroundColor) || cs.boxShadow !== 'none' || cs.overflowX !== 'visible';
        if (drawn && cs.display !== 'inline' && cs.display !== 'contents') {
          found = a;
          break;
        }
      }
      boxOf.set(el, found);
      return found;
    };
    const problems: string[] = [];
    let checked = 0;
    const range = document.createRange();
    for (const figure of document.querySelectorAll('figure[data-figure-id]')) {
      const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? '';
        if (!text.trim()) continue;
        const parent = n.parentElement!;
        if (parent.closest('.visually-hidden, script, style, noscript, template, option, [hidden], [popover]:not(:popover-open)')) continue;
        if (!parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
        const b = box(parent, figure);
        if (!b) continue;
        const br = b.getBoundingClientRect();
        range.selectNodeContents(n);
        for (const r of range.getClientRects()) {
          if (r.width < 2 || r.height < 2) continue;
          checked += 1;
          const over = Math.max(br.left - r.left, r.right - br.right);
          if (over > 1) {
            const name = b.tagName.toLowerCase() + (b.getAttribute('class') ? `.${String(b.getAttribute('class')).split(/\s+/)[0]}` : '');
            problems.push(`${figure.getAttribute('data-figure-id')}: "${text.trim().slice(0, 24)}" runs ${over.toFixed(1)} px past its box ${name} (${Math.round(br.width)} px wide)`);
            break;
          }
        }
      }
    }
    return { checked, problems };
  });
}

describe('figure labels fit their boxes', () => {
  for (const width of WIDTHS) {
    for (const path of figurePages) {
      it(`${path} at ${width} px`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'zh-CN' });
        try {
          const { page } = await watchedPage(context, origin);
          await page.goto(origin + path, { waitUntil: 'networkidle' });
          await hydrateAll(page);
          const problems: string[] = [];
          for (const ui of UI) {
            await applyUi(page, ui);
            await page.waitForFunction((u) => document.documentElement.dataset.ui === u, ui);
            const { checked, problems: found } = await overflows(page);
            expect(checked, `${path} ui ${ui}: figure text measured`).toBeGreaterThan(0);
            for (const f of found) problems.push(`ui ${ui}: ${f}`);
          }
          expect([...new Set(problems)].slice(0, 15)).toEqual([]);
        } finally {
          await context.close();
        }
      });
    }
  }
});
