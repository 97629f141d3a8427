/**
 * A focused paragraph's focus ring (keyboard focus, `div.para[tabindex]`,
 * drawn by src/scripts/segments.ts) crosses no text: not the paragraph's own,
 * not its ¶ number or sentence link in the margin, not a neighbour's. Checked
 * on every reading page, in every reading view, with paragraph numbers always
 * shown, at 375, 768 and 1280 px.
 *
 * The ring is the band between the paragraph's border box grown by the outline
 * offset and grown by offset + width (CSS UI 4 §outline-offset); a text line
 * (a text node's client rect) crosses it when it meets the outer edge without
 * lying wholly inside the inner one.
 *
 * Cost: one load per page and width; views applied in place (reading-control radios).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchedPage } from './browser';
import { applyView, builtPages, viewModes } from './built-pages';

const origin = inject('origin');
const views = viewModes();
const WIDTHS = [375, 768, 1280];
let browser: Browser;
let readingPages: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  const { readFileSync } = await import('node:fs');
  readingPages = builtPages().filter((p) => {
    const file = `${process.env.SITE_DIST ?? 'dist'}${p.endsWith('/') ? `${p}index.html` : p}`;
    return readFileSync(file, 'utf8').includes('data-para-id');
  });
});
afterAll(async () => {
  await browser?.close();
});


/** Focus every paragraph in turn and list the text lines its ring crosses (paragraph id, text, px). */
function crossings(page: Page): Promise<{ rings: number; problems: string[] }> {
  return page.evaluate(() => {
    const textRects = (root: Element, skip = ''): { text: string; r: DOMRect }[] => {
      const out: { text: string; r: DOMRect }[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? '';
        if (!text.trim()) continue;
        const parent = n.parentElement!;
        if (parent.closest('.visually-hidden, script, style, [hidden]') || (skip && parent.closest(skip))) continue;
        if (!parent.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
        range.selectNodeContents(n);
        // In page coordinates (focusing may scroll the page between measurements).
        for (const r of range.getClientRects()) if (r.width >= 2 && r.height >= 2) out.push({ text: text.trim().slice(0, 20), r: new DOMRect(r.x + scrollX, r.y + scrollY, r.width, r.height) });
      }
      return out;
    };
    const paras = [...document.querySelectorAll<HTMLElement>('.text div.para[tabindex]')].filter((p) => p.getClientRects().length > 0);
    const problems: string[] = [];
    let rings = 0;
    const base = textRects(document.querySelector('.text')!, '.seg-anchor');
    for (const p of paras) {
      p.focus({ preventScroll: true });
      const cs = getComputedStyle(p);
      if (cs.outlineStyle === 'none' || document.activeElement !== p) continue;
      rings += 1;
      const w = parseFloat(cs.outlineWidth);
      const o = parseFloat(cs.outlineOffset);
      const v = p.getBoundingClientRect();
      const b = new DOMRect(v.x + scrollX, v.y + scrollY, v.width, v.height);
      const outer = { l: b.left - o - w, r: b.right + o + w, t: b.top - o - w, b: b.bottom + o + w };
      const inner = { l: b.left - o, r: b.right + o, t: b.top - o, b: b.bottom + o };
      // The sentence link moves with the focus; everything else was measured once.
      const segLinks = [...document.querySelectorAll('.text .seg-anchor')].flatMap((a) => textRects(a));
      for (const { text, r } of [...base, ...segLinks]) {
        const meetsOuter = r.right > outer.l + 0.5 && r.left < outer.r - 0.5 && r.bottom > outer.t + 0.5 && r.top < outer.b - 0.5;
        if (!meetsOuter) continue;
        const insideInner = r.left >= inner.l - 0.5 && r.right <= inner.r + 0.5 && r.top >= inner.t - 0.5 && r.bottom <= inner.b + 0.5;
        if (insideInner) continue;
        problems.push(`${p.id}: ring (offset ${o}, width ${w}) crosses "${text}" at x ${Math.round(r.left)}–${Math.round(r.right)}, y ${Math.round(r.top)}–${Math.round(r.bottom)}; ring x ${Math.round(outer.l)}–${Math.round(outer.r)}, y ${Math.round(outer.t)}–${Math.round(outer.b)}`);
      }
    }
    (document.activeElement as HTMLElement | null)?.blur();
    return { rings, problems };
  });
}

describe('a focused paragraph’s ring crosses no text', () => {
  for (const width of WIDTHS) {
    it(`every reading page at ${width} px, every view, ¶ numbers on`, async () => {
      expect(readingPages.length).toBeGreaterThan(0);
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      await context.addInitScript(() => localStorage.setItem('reader-numbers', '1'));
      try {
        const { page } = await watchedPage(context, origin);
        const problems: string[] = [];
        for (const path of readingPages) {
          await page.goto(origin + path, { waitUntil: 'networkidle' });
          // Keyboard focus (focus-visible), which also loads the segments module that draws the ring.
          await page.keyboard.press('Tab');
          await page.evaluate(() => document.querySelector<HTMLElement>('.text div.para[tabindex]')!.focus());
          await page.waitForFunction(() => getComputedStyle(document.activeElement!).outlineStyle !== 'none');
          expect(await page.evaluate(() => document.documentElement.hasAttribute('data-para-numbers'))).toBe(true);
          for (const view of views) {
            if (!(await applyView(page, view))) continue;
            const { rings, problems: found } = await crossings(page);
            expect(rings, `${path} ${JSON.stringify(view)}: rings drawn`).toBeGreaterThan(0);
            for (const f of found) problems.push(`${path} ${JSON.stringify(view)} ${f}`);
          }
        }
        expect(problems.slice(0, 12)).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
