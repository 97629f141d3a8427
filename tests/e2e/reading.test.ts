/**
 * The reading experience in Chromium: HTML contract, the literal/free toggle,
 * the language modes, persistence (localStorage and URL), keeping the reader's
 * place, deep links, and reading without JavaScript.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, watchedPage } from './browser';
import { loadParts, seedText } from '../unit/load-content';
import { parseSeed } from '../../src/lib/seed';

const origin = inject('origin');
const parts = loadParts();
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
});

/** Renditions of a paragraph that are displayed (not display:none). */
async function shown(page: Page, paraId: string): Promise<string[]> {
  return page.$$eval(`[data-para-id="${paraId}"] > [data-rendition]`, (els) =>
    els.filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.getAttribute('data-rendition')!),
  );
}

describe('HTML contract', () => {
  it('every paragraph is in the page with id, data-para-id and three renditions with the right lang', async () => {
    const { page, problems } = await watchedPage(context, origin);
    const seed = parseSeed(seedText());
    for (const [slug, part] of [['flac-jpeg', 's00'], ['neural-nets', 's05'], ['training', 's06']] as const) {
      await page.goto(`${origin}/${slug}/`);
      const content = parts.find((p) => p.part === part)!;
      const dom = await page.$$eval('[data-para-id]', (els) =>
        els.map((el) => ({
          id: el.id,
          pid: el.getAttribute('data-para-id'),
          r: [...el.querySelectorAll(':scope > [data-rendition]')].map((x) => [x.getAttribute('data-rendition'), x.getAttribute('lang'), x.textContent]),
          segs: [...el.querySelectorAll(':scope > [data-rendition]')].map((x) =>
            [...x.querySelectorAll('[data-seg-id]')].map((s) => [s.getAttribute('data-seg-id'), s.parentElement === x, s.textContent]),
          ),
        })),
      );
      expect(dom.map((d) => d.pid)).toEqual(content.paragraphs.map((p) => p.id));
      for (const [i, d] of dom.entries()) {
        expect(d.id).toBe(d.pid);
        // Each rendition holds the paragraph's segments, in order, as direct children with their exact text.
        const segs = content.paragraphs[i]!.segments;
        (['literal', 'free', 'en'] as const).forEach((r, j) => expect(d.segs[j], `${d.id} ${r}`).toEqual(segs.map((s) => [s.id, true, s[r]])));
        expect(d.r.map((x) => x[0])).toEqual(['literal', 'free', 'en']);
        expect(d.r.map((x) => x[1])).toEqual(['zh-CN', 'zh-CN', 'en']);
      }
      // The built page holds every seed paragraph of this part verbatim.
      const literals = dom.map((d) => d.r[0]![2]);
      expect(literals).toEqual(seed.filter((s) => s.part === part && s.rendition === 'literal').map((s) => s.text));
    }
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
    await page.close();
  });
});

describe('figure slots', () => {
  it('every figure with a slot component renders it (no placeholder), on its own part page only', async () => {
    const { readdirSync } = await import('node:fs');
    const slotIds = new Set(readdirSync('src/components/figures/slots').map((f) => f.replace(/\.astro$/, '')));
    const page = await context.newPage();
    for (const [slug, part] of [['flac-jpeg', 's00'], ['neural-nets', 's05'], ['training', 's06']] as const) {
      await page.goto(`${origin}/${slug}/`);
      const figures = await page.$$eval('figure[data-figure-id]', (els) => els.map((e) => ({ id: e.getAttribute('data-figure-id')!, placeholder: !!e.querySelector(':scope > .fig-placeholder') })));
      // Figures appear after their paragraph, so in paragraph order (a figure added later to the list may sit earlier in the page).
      const content = parts.find((p) => p.part === part)!;
      const paraIndex = (id: string) => content.paragraphs.findIndex((p) => p.id === id);
      const listed = content.figures.map((f, i) => ({ id: f.id, at: paraIndex(f.para), i })).sort((a, b) => a.at - b.at || a.i - b.i);
      expect(figures.map((f) => f.id)).toEqual(listed.map((f) => f.id));
      for (const f of figures) expect(f.placeholder, f.id).toBe(!slotIds.has(f.id));
    }
    await page.close();
  });
});

describe('reading view', () => {
  it('defaults to literal Chinese beside English, side by side on a wide screen', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/neural-nets/`);
    expect(await shown(page, 's05-p01')).toEqual(['literal', 'en']);
    const [zh, en] = await page.$$eval('#s05-p02 > [data-rendition]:not([data-rendition="free"])', (els) => els.map((e) => e.getBoundingClientRect()));
    expect(Math.abs(zh!.top - en!.top)).toBeLessThan(4); // top-aligned
    expect(en!.left).toBeGreaterThan(zh!.right); // side by side
    await page.close();
  });

  it('toggles literal ↔ free and the language modes instantly, and records them in the URL and storage', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/neural-nets/`);
    await page.click('label[for="view-r-free"]');
    expect(await shown(page, 's05-p03')).toEqual(['free', 'en']);
    expect(new URL(page.url()).searchParams.get('r')).toBe('free');
    await page.click('label[for="view-l-en"]');
    expect(await shown(page, 's05-p03')).toEqual(['en']);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.isVisible('.site-header .ui-en')).toBe(true); // chrome follows the language
    await page.click('label[for="view-l-zh"]');
    expect(await shown(page, 's05-p03')).toEqual(['free']);
    expect(await page.evaluate(() => localStorage.getItem('reader-view'))).toBe(JSON.stringify({ r: 'free', l: 'zh' }));
    // persists across reload and to another page
    await page.goto(`${origin}/training/`);
    expect(await shown(page, 's06-p01')).toEqual(['free']);
    expect(await page.isChecked('#view-r-free')).toBe(true);
    await page.evaluate(() => localStorage.clear());
    await page.close();
  });

  it('opens the view a link names', async () => {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await fresh.newPage();
    await page.goto(`${origin}/training/?r=free&l=both`);
    expect(await shown(page, 's06-p02')).toEqual(['free', 'en']);
    await page.goto(`${origin}/training/?r=literal&l=en`);
    expect(await shown(page, 's06-p02')).toEqual(['en']);
    expect(await page.isChecked('#view-l-en')).toBe(true);
    await fresh.close();
  });

  it('keeps the paragraph the reader was on in place when the view changes', async () => {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await fresh.newPage();
    await page.goto(`${origin}/neural-nets/`);
    await page.evaluate(async () => {
      await document.fonts.ready;
      document.documentElement.style.scrollBehavior = 'auto';
      const el = document.getElementById('s05-p20')!;
      window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 200);
    });
    for (const label of ['view-l-en', 'view-l-zh', 'view-r-free', 'view-l-both']) {
      // The paragraph nearest the top of the viewport is the reader's place.
      const before = await page.$eval('#s05-p20', (e) => e.getBoundingClientRect().top);
      await page.click(`label[for="${label}"]`);
      const after = await page.$eval('#s05-p20', (e) => e.getBoundingClientRect().top);
      expect(Math.abs(after - before), label).toBeLessThan(2);
    }
    await fresh.close();
  });

  it('is operable by keyboard: arrow keys move within a radio group', async () => {
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await fresh.newPage();
    await page.goto(`${origin}/flac-jpeg/`);
    await page.focus('#view-r-literal');
    await page.keyboard.press('ArrowRight');
    expect(await page.isChecked('#view-r-free')).toBe(true);
    expect(await shown(page, 's00-p01')).toEqual(['free', 'en']);
    await page.keyboard.press('ArrowLeft');
    expect(await shown(page, 's00-p01')).toEqual(['literal', 'en']);
    await fresh.close();
  });
});

describe('links', () => {
  it('a deep link scrolls to its paragraph', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/neural-nets/#s05-p16`);
    await page.waitForTimeout(800);
    const top = await page.$eval('#s05-p16', (e) => e.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
    expect(top).toBeLessThan(300);
    await page.close();
  });

  it('every paragraph has an anchor link to itself, and parts link to their neighbours', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/neural-nets/`);
    const anchors = await page.$$eval('[data-para-id] > a.para-anchor', (els) => els.map((a) => (a as HTMLAnchorElement).hash));
    const ids = await page.$$eval('div[data-para-id]', (els) => els.map((e) => `#${e.id}`));
    expect(anchors).toEqual(ids);
    expect(await page.getAttribute('a[rel="prev"]', 'href')).toBe('/flac-jpeg/');
    expect(await page.getAttribute('a[rel="next"]', 'href')).toBe('/training/');
    await page.close();
  });

  it('the truncated end of the source is followed by a note in both languages', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/training/`);
    const note = await page.$eval('.source-ends', (e) => ({ text: e.textContent ?? '', prev: e.previousElementSibling?.id }));
    expect(note.prev).toBe('s06-p07');
    expect(note.text).toContain('原文到此为止');
    expect(note.text).toContain('source text ends here');
    await page.close();
  });
});

describe('layout', () => {
  it('no page scrolls sideways, on a phone or a desktop', async () => {
    for (const width of [390, 1280]) {
      const ctx = await browser.newContext({ viewport: { width, height: 844 } });
      const page = await ctx.newPage();
      for (const slug of ['flac-jpeg', 'neural-nets', 'training', 'glossary']) {
        await page.goto(`${origin}/${slug}/`);
        // Hover a term near the right edge first: its tooltip must not widen the page either.
        const scrolled = await page.evaluate(() => {
          const terms = [...document.querySelectorAll<HTMLElement>('.term')];
          const rightmost = terms.sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right)[0];
          rightmost?.focus();
          window.scrollTo(500, window.scrollY);
          return window.scrollX;
        });
        expect(scrolled, `${slug} at ${width}px`).toBe(0);
      }
      await ctx.close();
    }
  });

  it('a malformed fragment is ignored without an error', async () => {
    const { page, problems } = await watchedPage(context, origin);
    await page.goto(`${origin}/neural-nets/#%E0%A4%A`);
    await page.waitForTimeout(300);
    expect(problems.pageErrors).toEqual([]);
    await page.close();
  });
});

describe('without JavaScript', () => {
  it('the literal Chinese and the English are visible, and the free rendition is one click away', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await noJs.newPage();
    await page.goto(`${origin}/neural-nets/`);
    expect(await shown(page, 's05-p05')).toEqual(['literal', 'en']);
    expect((await page.textContent('#s05-p05 [data-rendition="literal"]'))!.length).toBeGreaterThan(20);
    await page.click('label[for="view-r-free"]');
    expect(await shown(page, 's05-p05')).toEqual(['free', 'en']);
    await page.click('label[for="view-l-zh"]');
    expect(await shown(page, 's05-p05')).toEqual(['free']);
    await noJs.close();
  });
});
