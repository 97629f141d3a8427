/**
 * Reflow (WCAG 1.4.10) on every built page, in every reading view, at 320,
 * 375, 768 and 1280 px wide, with text at 100 % and at 200 %:
 * - no element reaches past the viewport's edges unless it sits inside its
 *   own horizontal scroll container (which the reader can scroll);
 * - no element that clips its overflow (`overflow: hidden | clip`) hides part
 *   of a text or an image inside it.
 *
 * 200 % text is the browser's own text-size setting, through the DevTools
 * protocol (`Page.setFontSizes`: default font 16 → 32 px, monospace 13 → 26 px),
 * exactly what a reader's "font size" preference does: rem and em double, and
 * so do the rem/em breakpoints of media queries; the viewport stays the same.
 *
 * Cost: one load per page (scrolled through once, so every `client:visible`
 * figure has hydrated), then each view is applied in place through the
 * reading-control radios (or by URL when a view has no radio) and each size
 * measured in one `page.evaluate`.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, watchedPage } from './browser';
import { applyView, builtPages, hydrateAll, viewModes } from './built-pages';

const origin = inject('origin');
const pages = builtPages();
const views = viewModes();
const WIDTHS = [320, 375, 768, 1280];
const TEXT = ['100%', '200%'];
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
});
afterAll(async () => {
  await browser?.close();
});

/** Set the browser's default font sizes to `text` (100 % = 16 px; 200 % = 32 px). */
async function setTextSize(page: Page, text: string): Promise<void> {
  const k = parseFloat(text) / 100;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Page.setFontSizes', { fontSizes: { standard: 16 * k, fixed: 13 * k } });
  await cdp.detach();
}

/**
 * Problems at the current size: elements past the viewport's edges outside a
 * horizontal scroll container, and text or images cut by a clipping ancestor.
 * Each problem: a CSS-ish path and numbers in px.
 */
function measure(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const out: string[] = [];
    const name = (el: Element): string => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
        const id = e.id ? `#${e.id}` : '';
        const cls = typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\s+/).slice(0, 2).join('.') : '';
        const fig = e.getAttribute('data-figure-id') ? `[data-figure-id=${e.getAttribute('data-figure-id')}]` : '';
        parts.unshift(e.tagName.toLowerCase() + id + fig + cls);
      }
      return parts.join(' > ');
    };
    // Per-element flags inherited down the tree (querySelectorAll lists parents before children).
    const all = [...document.body.querySelectorAll('*')];
    /** Hidden on purpose: screen-reader-only text (clip), invisible, transparent. */
    const hidden = new Map<Element, boolean>();
    /** Inside an ancestor the reader can scroll sideways. */
    const inScroller = new Map<Element, boolean>();
    for (const el of all) {
      const cs = getComputedStyle(el);
      const p = el.parentElement!;
      hidden.set(
        el,
        (hidden.get(p) ?? false) ||
          !el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) || // also: inside a closed <details>
          (cs.clip !== 'auto' && cs.position === 'absolute'),
      );
      const pcs = p === document.body ? null : getComputedStyle(p);
      inScroller.set(el, (inScroller.get(p) ?? false) || (pcs !== null && (pcs.overflowX === 'auto' || pcs.overflowX === 'scroll')));
    }
    const hiddenOnPurpose = (el: Element, r: DOMRect): boolean => r.width <= 1 || r.height <= 1 || hidden.get(el)!;
    const scrollable = (el: Element): boolean => inScroller.get(el)!;
    const visibleContent = (el: Element): boolean =>
      /^(IMG|CANVAS|SVG|VIDEO|PICTURE)$/i.test(el.tagName) || [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim() !== '');
    const rects = new Map<Element, DOMRect>();
    // An element's extent includes its own text, which may run past its box (a long formula line).
    for (const el of all) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim() !== '')) {
        const range = document.createRange();
        range.selectNodeContents(el);
        const t = range.getBoundingClientRect();
        if (t.width > 0) {
          const left = Math.min(r.left, t.left);
          const top = Math.min(r.top, t.top);
          rects.set(el, new DOMRect(left, top, Math.max(r.right, t.right) - left, Math.max(r.bottom, t.bottom) - top));
          continue;
        }
      }
      rects.set(el, r);
    }
    const shown = (el: Element): boolean => {
      const r = rects.get(el)!;
      return r.width > 0 && r.height > 0 && !hiddenOnPurpose(el, r) && !el.closest('dialog:not([open])');
    };
    // 1. Wider than the viewport (report the outermost offender of each branch).
    const reported = new Set<Element>();
    for (const el of all) {
      if (!shown(el)) continue;
      const r = rects.get(el)!;
      if (r.right <= vw + 1 && r.left >= -1) continue;
      if (scrollable(el)) continue;
      let anc = el.parentElement;
      while (anc && !reported.has(anc)) anc = anc.parentElement;
      reported.add(el);
      if (anc) continue;
      out.push(`past the viewport (${vw}px): ${name(el)} spans ${Math.round(r.left)}…${Math.round(r.right)}px`);
    }
    // 2. Text and images cut by an ancestor that clips (the body's clip is covered by 1).
    for (const box of all) {
      if (!shown(box)) continue;
      const cs = getComputedStyle(box);
      const clipX = cs.overflowX === 'hidden' || cs.overflowX === 'clip';
      const clipY = cs.overflowY === 'hidden' || cs.overflowY === 'clip';
      // A scroll container scrolls only towards the end: what overflows its start edge
      // (left, top; e.g. a centred line wider than the box) cannot be reached.
      const scrollX = cs.overflowX === 'auto' || cs.overflowX === 'scroll';
      const scrollY = cs.overflowY === 'auto' || cs.overflowY === 'scroll';
      if (!clipX && !clipY && !scrollX && !scrollY) continue;
      const b = rects.get(box)!;
      const x0 = b.left - box.scrollLeft;
      const y0 = b.top - box.scrollTop;
      for (const el of box.querySelectorAll('*')) {
        if (!shown(el) || !visibleContent(el)) continue;
        const r = rects.get(el)!;
        const cutX = (clipX && (r.left < b.left - 1 || r.right > b.right + 1)) || (scrollX && r.left < x0 - 1);
        const cutY = (clipY && (r.top < b.top - 1 || r.bottom > b.bottom + 1)) || (scrollY && r.top < y0 - 1);
        if (cutX || cutY) {
          const how = clipX || clipY ? 'clipped by' : 'out of scroll reach in';
          out.push(`${how} ${name(box)} (overflow ${cs.overflowX}/${cs.overflowY}): ${name(el)} ${Math.round(r.left - b.left)},${Math.round(r.top - b.top)} ${Math.round(r.width)}×${Math.round(r.height)} in ${Math.round(b.width)}×${Math.round(b.height)}`);
          break;
        }
      }
    }
    return out;
  });
}

describe('reflow: every page × view × width × text size', () => {
  it('finds the pages and views to check', () => {
    expect(pages.length).toBeGreaterThanOrEqual(8);
    expect(views.length).toBeGreaterThanOrEqual(5);
  });

  // Before the reader scrolls, figures below the screen have not received their own CSS yet
  // (src/scripts/figure-css.ts): their content must not widen the page meanwhile.
  it('on a phone, no page scrolls sideways before its figures are styled (on load, no scrolling)', async () => {
    const { page, problems } = await watchedPage(context, origin);
    const wide: string[] = [];
    for (const width of [320, 375]) {
      await page.setViewportSize({ width, height: 800 });
      for (const path of pages) {
        await page.goto(origin + path, { waitUntil: 'load' });
        await page.waitForLoadState('networkidle').catch(() => {});
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
        if (scrollWidth > clientWidth) wide.push(`${path} at ${width}px: ${scrollWidth}px of content in ${clientWidth}px`);
      }
    }
    expect(wide).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    await page.close();
  }, 120_000);

  for (const path of pages) {
    it(`${path}: nothing wider than the viewport, nothing clipped`, async () => {
      const { page, problems } = await watchedPage(context, origin);
      const failures = new Set<string>();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(origin + path, { waitUntil: 'load' });
      await hydrateAll(page);
      for (const view of views) {
        const label = new URLSearchParams(view).toString();
        if (!(await applyView(page, view))) {
          await page.goto(`${origin}${path}?${label}`, { waitUntil: 'load' });
          await hydrateAll(page);
        }
        for (const text of TEXT) {
          await setTextSize(page, text);
          for (const width of WIDTHS) {
            await page.setViewportSize({ width, height: 800 });
            for (const p of await measure(page)) failures.add(`${width}px, text ${text}, ${label}: ${p}`);
          }
        }
        await setTextSize(page, '100%');
      }
      await page.close();
      expect([...failures]).toEqual([]);
      expect(problems.pageErrors).toEqual([]);
    }, 240_000);
  }
});
