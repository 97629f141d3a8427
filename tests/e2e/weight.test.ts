/**
 * Reading stays light: before any interaction a content page ships at most
 * 10.5 KB of JavaScript and 14 KB of CSS (gzip; issue 2 set 8 and 12 KB, raised
 * when the reading tools of issues 10, 11 and 13 arrived, and by 0.5 KB for the
 * interface-language setting of issue 15, which must act before first paint and
 * on every page's attributes), and no
 * TensorFlow.js, wasm or model weights; the search code is not loaded until
 * search opens. Issue 12: on a phone (390×844, no scrolling) a reading page's
 * HTML is at most 2 × its text + 8 KB and its first load at most 2 × its text
 * + 16 KB (gzip).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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
    it(`${path}: ≤ 10.5 KB JS, ≤ 14 KB CSS, no tfjs, wasm, weights or search index`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const m = await measurePageWeight(context, origin + path);
      await context.close();
      expect(m.jsGzip).toBeLessThanOrEqual(10.5 * 1024);
      expect(m.cssGzip).toBeLessThanOrEqual(14 * 1024);
      const heavy = m.resources.filter((r) => r.kind === 'wasm' || r.kind === 'model' || /tfjs|pagefind/.test(r.url));
      expect(heavy.map((r) => r.url)).toEqual([]);
    }, 60_000);
  }
});

describe('first load on a phone within the text budget (issue 12)', () => {
  for (const path of ['/flac-jpeg/', '/neural-nets/', '/training/']) {
    it(`${path}: HTML ≤ 2 × text + 8 KB, first load ≤ 2 × text + 16 KB, no image data or lazy content fetched`, async () => {
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

/**
 * How many style rules of the page's figure stylesheets (`/_fig/…css`, linked, or loaded by the
 * figure loader, which marks its element `data-fig-css`) match an element inside `selector`
 * (pseudo-classes and pseudo-elements stripped). 0 when nothing styles the figure yet.
 */
function figureRulesMatching(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const figure = document.querySelector(sel)!;
    const rules = [...document.styleSheets]
      .filter((s) => s.href?.includes('/_fig/') || (s.ownerNode as HTMLElement | null)?.dataset?.figCss?.includes('/_fig/'))
      .flatMap((s) => [...s.cssRules]);
    return rules.filter((r) => {
      try {
        const plain = r instanceof CSSStyleRule ? r.selectorText.replace(/::?[\w-]+(\([^)]*\))?/g, '').trim() : '';
        return !!plain && !!figure.querySelector(plain);
      } catch {
        return false;
      }
    }).length;
  }, selector);
}

describe('figure data arrives with the figure (issue 12)', () => {
  it('no page carries hidden copies of a live figure: an island\'s markup hidden until it loads is not server-rendered', async () => {
    const found: string[] = [];
    for (const path of ['/flac-jpeg/', '/neural-nets/', '/training/']) {
      const html = await (await fetch(origin + path)).text();
      for (const island of html.split('<astro-island').slice(1)) {
        const body = island.slice(0, island.indexOf('</astro-island>'));
        // Start tags with a `hidden` attribute (attribute values emptied first, so words in them do not count).
        for (const tag of body.match(/<[a-z][^>]*>/g) ?? []) if (/\shidden(=""|\s|>|$)/.test(tag.replace(/"[^"]*"/g, '""'))) found.push(`${path}: ${tag.slice(0, 80)}`);
      }
    }
    expect(found).toEqual([]);
  });
  it('a figure\'s own CSS is not in the first load: it is linked as the figure nears the screen and styles it; without JavaScript the page links it', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    const fig = '[data-figure-id="fit1d-network"]';
    const css: string[] = [];
    page.on('request', (r) => void (r.url().includes('/_fig/') && r.url().endsWith('.css') && css.push(r.url())));
    await page.goto(`${origin}/training/`, { waitUntil: 'networkidle' });
    expect(css, 'no figure CSS before scrolling').toEqual([]);
    const matching = () => figureRulesMatching(page, fig);
    expect(await matching()).toBe(0);
    await page.locator(fig).scrollIntoViewIfNeeded();
    await expect.poll(matching, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(css.length).toBeGreaterThan(0);
    expect(await page.locator(fig).getAttribute('data-fig-css')).toContain('/_fig/');
    await context.close();
    const noJs = await browser.newContext({ viewport: { width: 390, height: 844 }, javaScriptEnabled: false });
    const still = await noJs.newPage();
    await still.goto(`${origin}/training/`, { waitUntil: 'networkidle' });
    const stillMatching = await figureRulesMatching(still, fig);
    expect(stillMatching, 'without JavaScript the figure is styled from the start').toBeGreaterThan(0);
    await noJs.close();
  }, 60_000);

  it('once the reader scrolls to a figure, the rest of the page\'s figures are styled in idle time, before they reach the screen', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${origin}/neural-nets/`, { waitUntil: 'networkidle' });
    const unstyledBelow = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('figure[data-fig-css]:not([data-fig-styled])')].filter((f) => f.getBoundingClientRect().top > innerHeight).length,
      );
    const below = await unstyledBelow();
    expect(below, 'figures below the first screen start unstyled').toBeGreaterThan(5);
    // The first figure comes near: its CSS and the islands' runtime load, and with them the rest of the sheets.
    await page.locator('figure[data-fig-css]').first().scrollIntoViewIfNeeded();
    await expect.poll(unstyledBelow, { timeout: 15_000 }).toBe(0);
    await context.close();
  }, 60_000);

  it('an island fetches its props file when scrolled to and hydrates; if the file is missing the static drawing stays', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const fig = '[data-figure-id="fit1d-network"]';
    // 1. Normal: the props file comes only after scrolling, then the island is live (its SVG replaces the fallback image).
    const page = await context.newPage();
    const fetched: string[] = [];
    page.on('request', (r) => void (r.url().includes('/_fig/') && r.url().endsWith('.json') && fetched.push(r.url())));
    await page.goto(`${origin}/training/`, { waitUntil: 'networkidle' });
    expect(fetched).toEqual([]);
    await page.locator(fig).scrollIntoViewIfNeeded();
    await page.waitForSelector(`${fig} [data-mode-button]:not([disabled])`, { timeout: 20_000 });
    await expect.poll(() => page.locator(`${fig} svg line`).count(), { timeout: 10_000 }).toBeGreaterThan(500);
    expect(fetched.length).toBeGreaterThan(0);
    await page.close();
    // 2. The props file is missing: no hydration, the fallback image stays, the island says why.
    const broken = await context.newPage();
    const warnings: string[] = [];
    broken.on('console', (m) => void (m.type() === 'warning' && warnings.push(m.text())));
    await broken.route('**/_fig/*.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await broken.goto(`${origin}/training/`);
    await broken.locator(fig).scrollIntoViewIfNeeded();
    await broken.waitForSelector(`${fig} astro-island[data-props-error]`, { timeout: 20_000 });
    expect(await broken.locator(`${fig} img[data-svg-fallback]`).isVisible()).toBe(true);
    expect(warnings.join('\n')).toMatch(/kept the static figure/);
    await context.close();
  }, 60_000);
});
