/**
 * The site with JavaScript disabled (every built page, a phone and a laptop width):
 * - no control is shown that does nothing when used: every visible button /
 *   input / select / textarea / [role=button] / keyboard-focusable [tabindex]
 *   element either is (inside) a link, belongs to a form that submits to another
 *   page of the site, opens a native popover (`popovertarget`, which needs no script), or is
 *   a focusable box whose content overflows (the keyboard scrolls it). A disabled
 *   control counts too (it still looks like one), unless it is content shown on a
 *   control (`data-nojs-content`: a photo or small plot on a button), which must
 *   then not look like a control (no pointer cursor, not dimmed); no progress
 *   indicator is shown (nothing loads);
 * - every figure still shows its caption and its static fallback (a loaded image,
 *   a drawn SVG or text), and a figure with a live part (an island) says, once
 *   (visible text or generated content naming JavaScript), that it needs JavaScript;
 * - the text reads: every paragraph shows its renditions of the default view
 *   (literal Chinese and English), with text.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser';
import { builtPages } from './built-pages';

const origin = inject('origin');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** What one page shows without JavaScript, measured in the page in one pass. */
interface NoJsState {
  deadControls: string[];
  figures: { id: string; caption: boolean; fallback: boolean; notes: number; live: boolean }[];
  unreadParas: string[];
}

/** Measure {@link NoJsState} on the page as loaded (all images settled). */
async function measure(page: Page): Promise<NoJsState> {
  // Without scripting Chromium loads lazy images at once; wait for them to settle.
  await page.waitForFunction(() => [...document.images].every((i) => i.complete), null, { timeout: 30_000 });
  return page.evaluate(() => {
    const seen = (el: Element) => {
      if (!el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
      const r = el.getBoundingClientRect();
      return r.width > 1 && r.height > 1;
    };
    const describe = (el: Element) => {
      const fig = el.closest('figure[data-figure-id]')?.getAttribute('data-figure-id');
      const tag = el.tagName.toLowerCase() + (el.getAttribute('type') ? `[type=${el.getAttribute('type')}]` : '');
      const name = (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
      return `${fig ? `figure ${fig}: ` : ''}${tag}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : ''} "${name}"`;
    };
    /** Does using this control do something real without a script? */
    const works = (el: Element) => {
      if (el.closest('a[href]')) return true;
      const form = (el as HTMLInputElement).form;
      // A form works when it submits to another page of the site (a static page cannot answer a query sent to itself).
      if (form?.getAttribute('action')) return new URL(form.action).origin === location.origin && new URL(form.action).pathname !== location.pathname;
      const pop = el.getAttribute('popovertarget');
      if (el.tagName === 'BUTTON' && pop) return document.getElementById(pop)?.hasAttribute('popover') === true;
      if ((el as HTMLElement).tabIndex >= 0 && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) {
        return /auto|scroll/.test(getComputedStyle(el).overflowX + getComputedStyle(el).overflowY);
      }
      return false;
    };
    const content = (el: Element) => {
      const cs = getComputedStyle(el);
      return el.hasAttribute('data-nojs-content') && (el as HTMLInputElement).disabled && cs.cursor !== 'pointer' && Number(cs.opacity) === 1;
    };
    const controls = [...document.querySelectorAll('button, input, select, textarea, [role=button], [tabindex]')].filter((el) => {
      if (content(el)) return false;
      if (el.matches('input[type=hidden]')) return false;
      // An element focusable only by its tabindex counts when the keyboard reaches it.
      if (!el.matches('button, input, select, textarea, [role=button]') && (el as HTMLElement).tabIndex < 0) return false;
      return seen(el);
    });
    const deadControls = controls.filter((el) => !works(el)).map(describe);
    // A progress indicator says something is loading: without a script nothing ever does.
    for (const el of document.querySelectorAll('progress, [role=progressbar]')) if (seen(el)) deadControls.push(`progress indicator: ${describe(el)}`);

    const figures = [...document.querySelectorAll('figure[data-figure-id]')].map((fig) => {
      const cap = fig.querySelector('figcaption');
      const caption = !!cap && seen(cap) && cap.textContent!.trim().length > 0;
      const parts = [...fig.querySelectorAll('img, svg, canvas, p, li, td, pre, math, dl')].filter((el) => !cap?.contains(el) && !el.closest('[data-nojs-note]'));
      const fallback = parts.some((el) => {
        if (!seen(el)) return false;
        if (el instanceof HTMLImageElement) return el.naturalWidth > 0;
        if (el instanceof SVGSVGElement) return el.getBoundingClientRect().width > 40 && el.querySelector('path, rect, circle, line, polyline, polygon, text, image, use') !== null;
        if (el instanceof HTMLCanvasElement) return false; // a canvas is drawn by a script
        return ((el as HTMLElement).innerText ?? el.textContent ?? "").trim().length > 0;
      });
      // How many times the figure (outside its caption) says JavaScript: in a visible text node or in generated content.
      let notes = 0;
      for (const el of fig.querySelectorAll('*')) {
        if (cap?.contains(el) || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
        const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.includes('JavaScript'));
        const generated = ['::before', '::after'].filter((p) => getComputedStyle(el, p).content.includes('JavaScript')).length;
        notes += (own ? 1 : 0) + generated;
      }
      const live = fig.querySelector('astro-island') !== null;
      return { id: fig.getAttribute('data-figure-id')!, caption, fallback, notes, live };
    });

    const unreadParas: string[] = [];
    for (const para of document.querySelectorAll('[data-para-id]')) {
      for (const r of para.querySelectorAll<HTMLElement>('[data-rendition]')) {
        const want = r.dataset.rendition === 'literal' || r.dataset.rendition === 'en';
        if (want && !(seen(r) && r.innerText.trim().length > 0)) unreadParas.push(`${para.getAttribute('data-para-id')} ${r.dataset.rendition} not shown`);
        if (!want && seen(r)) unreadParas.push(`${para.getAttribute('data-para-id')} ${r.dataset.rendition} shown in the default view`);
      }
    }
    return { deadControls, figures, unreadParas };
  });
}

describe('without JavaScript', () => {
  for (const width of [390, 1280]) {
    it(`every page: no dead control, every figure's fallback and caption, every paragraph (${width}px)`, async () => {
      const context: BrowserContext = await browser.newContext({ viewport: { width, height: 900 }, javaScriptEnabled: false });
      const page = await context.newPage();
      const failures: string[] = [];
      let figureCount = 0;
      for (const path of builtPages()) {
        await page.goto(origin + path, { waitUntil: 'load' });
        const state = await measure(page);
        for (const c of state.deadControls) failures.push(`${path}: control that needs JavaScript is shown: ${c}`);
        for (const f of state.figures) {
          figureCount++;
          if (!f.caption) failures.push(`${path}: figure ${f.id} shows no caption`);
          if (!f.fallback) failures.push(`${path}: figure ${f.id} shows no fallback (image, drawing or text)`);
          if (f.notes !== (f.live ? 1 : 0)) failures.push(`${path}: figure ${f.id} says ${f.notes} times that it needs JavaScript (want ${f.live ? 1 : 0})`);
        }
        for (const p of state.unreadParas) failures.push(`${path}: ${p}`);
      }
      expect(figureCount).toBeGreaterThan(20);
      expect(failures).toEqual([]);
      await context.close();
    });
  }
});
