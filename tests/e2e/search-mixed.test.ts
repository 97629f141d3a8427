/**
 * Mixed-language queries and the English reading of a pinyin query, in
 * Chromium against the built site:
 *
 * - a query's words are matched per paragraph across its renditions (aligned
 *   by paragraph id): `权重 weights`, `神经元 neuron`, pinyin beside English
 *   (`quanzhong weights`), a Chinese word beside a quoted English phrase, and
 *   the same with a full-width space or traditional characters; every
 *   expected paragraph is found (ground truth computed from the built text,
 *   src/lib/search/ground-truth.ts), and a result whose words are in
 *   different renditions shows each of those renditions with its hits marked;
 *   opening it marks both words on the page;
 * - "search … as English instead" is offered only when the English reading
 *   finds something, says how many paragraphs, and adds a history entry:
 *   Back and Forward bring back each query, in the box and in the results;
 * - odd input (full-width spaces, regex characters, `$&`, 2,000 characters)
 *   gives a message or results and injects nothing.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { launchBrowser, watchedPage, type PageProblems } from './browser';
import { readSiteRecords } from '../../scripts/search/extract';
import { runQueries, runQuery } from '../../scripts/bench/search-runner';
import { expectedKeys, expectedMorphKeys, expectedSplitKeys, foldRecords, vocabularyOf, type FoldedRecord } from '../../src/lib/search/ground-truth';
import { loadLexicon, pinyinReadings, type SearchLexicon } from '../../src/lib/search/lexicon';

const origin = inject('origin');
const DIST = process.env.SITE_DIST ?? 'dist';
let browser: Browser;
let page: Page;
let problems: PageProblems;
let records: FoldedRecord[];
let vocabulary: Set<string>;

beforeAll(async () => {
  browser = await launchBrowser();
  records = foldRecords(await readSiteRecords(DIST));
  vocabulary = vocabularyOf(records);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => localStorage.setItem('reader-view', JSON.stringify({ r: 'literal', l: 'both' })));
  ({ page, problems } = await watchedPage(context, origin));
  await page.goto(`${origin}/search/`);
});
afterAll(async () => {
  await browser?.close();
});

function clean(): void {
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.foreignRequests).toEqual([]);
}

/** Paragraphs a query must find: a rendition holds every word, or the renditions hold them between them. */
function expectedParas(truth: string): string[] {
  const keys = new Set([...expectedMorphKeys(records, truth, vocabulary), ...expectedSplitKeys(records, truth, vocabulary)]);
  return [...new Set([...keys].map((k) => k.split('/')[0]!))].sort();
}

/** What each result of the search page shows: renditions named, and the marked strings per rendition shown. */
function shownResults(): Promise<Array<{ para: string; split: boolean; marks: Record<string, string[]> }>> {
  return page.locator('[data-search-page] a.sr-link[data-result-para]').evaluateAll((links) =>
    links.map((a) => {
      const marks: Record<string, string[]> = {};
      const primary = (a as HTMLElement).dataset.resultRendition!;
      marks[primary] = [...a.querySelectorAll('.sr-excerpt mark')].map((m) => m.textContent ?? '');
      for (const c of a.querySelectorAll('.sr-counterpart')) {
        const r = /sr-badge-(literal|free|en)/.exec(c.querySelector('.sr-badge')?.className ?? '')?.[1] ?? '?';
        marks[r] = [...(marks[r] ?? []), ...[...c.querySelectorAll('mark')].map((m) => m.textContent ?? '')];
      }
      return { para: (a as HTMLElement).dataset.resultPara!, split: a.querySelector('.sr-split') !== null, marks };
    }),
  );
}

describe('mixed-language queries', () => {
  const cases: Array<{ q: string; truth: string; zh: RegExp; en: RegExp }> = [
    { q: '权重 weights', truth: '权重 weights', zh: /权重/, en: /weight/i },
    { q: '神经元 neuron', truth: '神经元 neuron', zh: /神经元/, en: /neuron/i },
    { q: '权重　weights', truth: '权重 weights', zh: /权重/, en: /weight/i }, // full-width space
    { q: '權重 weights', truth: '权重 weights', zh: /权重/, en: /weight/i }, // traditional
    { q: 'quanzhong weights', truth: '权重 weights', zh: /权重/, en: /weight/i }, // pinyin + English
    { q: '权重weights', truth: '权重 weights', zh: /权重/, en: /weight/i }, // no space, as an input method types it
    { q: 'neuron神经元', truth: '神经元 neuron', zh: /神经元/, en: /neuron/i },
    { q: '神经元 "activation function"', truth: '神经元 "activation function"', zh: /神经元/, en: /activation function/i },
  ];

  it('find every paragraph whose renditions hold the words between them, each rendition with its hits marked', async () => {
    // The premise, from the text: no rendition holds both words of `权重 weights`, yet paragraphs hold them.
    expect(expectedKeys(records, '权重 weights').size).toBe(0);
    expect(expectedParas('权重 weights').length).toBeGreaterThan(0);
    for (const { q, truth, zh, en } of cases) {
      const run = await runQuery(page, q);
      const expected = expectedParas(truth);
      expect(expected.length, truth).toBeGreaterThan(0);
      expect([...run.paras].sort(), q).toEqual(expected);
      const shown = await shownResults();
      for (const r of shown) {
        // Split or not, the result shows a Chinese and an English rendition, each with its word marked.
        const zhMarks = [...(r.marks.literal ?? []), ...(r.marks.free ?? [])].join(' ');
        const enMarks = (r.marks.en ?? []).join(' ');
        expect(zhMarks, `${q}: ${r.para} Chinese marks`).toMatch(zh);
        expect(enMarks, `${q}: ${r.para} English marks`).toMatch(en);
      }
      expect(shown.some((r) => r.split), `${q}: a result says its words are in different renditions`).toBe(true);
    }
    // Pinyin beside English says how it was read.
    expect((await runQuery(page, 'quanzhong weights')).status).toContain('权重 weights');
    clean();
  });

  it('opening a split result marks both words in the paragraph', async () => {
    await runQuery(page, '权重 weights');
    const link = page.locator('[data-search-page] a.sr-link[data-result-para]').first();
    const para = (await link.getAttribute('data-result-para'))!;
    await link.click();
    await page.waitForURL((u) => u.pathname !== '/search/');
    const marks = (r: string) => page.locator(`[data-para-id="${para}"] [data-rendition="${r}"] mark.search-hit`);
    await expect.poll(() => marks('literal').count()).toBeGreaterThan(0);
    expect((await marks('literal').allInnerTexts()).join(' ')).toMatch(/权重/);
    expect((await marks('en').allInnerTexts()).join(' ')).toMatch(/weight/i);
    await page.goto(`${origin}/search/`);
  });

  it('single-language queries find what they found before (no paragraph from words split across languages)', async () => {
    for (const q of ['权重', 'weights', 'activation function', '神经网络']) {
      const run = await runQuery(page, q);
      const expected = [...new Set([...expectedMorphKeys(records, q, vocabulary)].map((k) => k.split('/')[0]!))].sort();
      expect([...run.paras].sort(), q).toEqual(expected);
    }
  });
});

describe('a pinyin query read as English instead', () => {
  /** A query from the text: read as pinyin (not an English word of the text), and also a string of the English text. */
  async function pinyinAlsoEnglish(): Promise<string> {
    const lex = loadLexicon(JSON.parse(await readFile(`${DIST}/search/lexicon.json`, 'utf8')) as SearchLexicon);
    for (const key of lex.zh.keys()) {
      if (key.length >= 4 && pinyinReadings(key, lex).length && expectedKeys(records, key).size) return key;
    }
    throw new Error('no pinyin key of the lexicon is also in the English text');
  }

  it('is offered only when the English reading finds something, with how many paragraphs', async () => {
    // `women` reads as 我们 and is no string of the text: nothing to offer.
    expect(expectedKeys(records, 'women').size).toBe(0);
    const women = await runQuery(page, 'women');
    expect(women.status).toMatch(/我们/);
    expect(await page.locator('[data-search-page] .sr-status a[data-search-as]').count()).toBe(0);

    const q = await pinyinAlsoEnglish();
    const english = new Set([...expectedKeys(records, q)].map((k) => k.split('/')[0]!)).size;
    await runQuery(page, q);
    const link = page.locator('[data-search-page] .sr-status a[data-search-as]');
    expect(await link.getAttribute('data-search-as-count')).toBe(String(english));
    expect(await link.locator('.ui-en').textContent()).toBe(`Search “${q}” as English instead (${english} ¶)`);
    expect(await link.locator('.ui-zh').textContent()).toBe(`改为按英文搜索“${q}”（${english} 段）`);
    clean();
  });

  it('adds a history entry: Back and Forward bring back each query and its results', async () => {
    const q = await pinyinAlsoEnglish();
    await page.goto(`${origin}/search/?q=${encodeURIComponent(q)}`);
    const results = page.locator('[data-search-page] [data-search-results]');
    await page.waitForSelector(`[data-search-page] [data-search-results][data-state="done"]`);
    const input = page.locator('[data-search-page] .sr-input');
    const paras = () => results.locator('a.sr-link[data-result-para]').evaluateAll((ls) => ls.map((a) => (a as HTMLElement).dataset.resultPara).join(' '));
    const status = page.locator('[data-search-page] .sr-status');
    const asPinyin = await paras();
    const asPinyinStatus = await status.innerText();
    const length = await page.evaluate(() => history.length);

    await status.locator('a[data-search-as]').click();
    const quoted = `"${q}"`;
    await page.waitForFunction((x) => document.querySelector('[data-search-page] [data-search-results]')?.getAttribute('data-query') === x, quoted);
    await page.waitForSelector('[data-search-page] [data-search-results][data-state="done"]');
    expect(await page.evaluate(() => history.length)).toBe(length + 1);
    expect(new URL(page.url()).searchParams.get('q')).toBe(quoted);
    const asEnglish = await paras();
    expect(asEnglish).not.toBe(asPinyin);
    expect(asEnglish.split(' ').length).toBe(new Set([...expectedKeys(records, q)].map((k) => k.split('/')[0]!)).size);

    await page.goBack();
    await expect.poll(() => input.inputValue()).toBe(q);
    await expect.poll(() => results.getAttribute('data-query')).toBe(q);
    await page.waitForSelector('[data-search-page] [data-search-results][data-state="done"]');
    expect(new URL(page.url()).searchParams.get('q')).toBe(q);
    expect(await paras()).toBe(asPinyin);
    expect(await status.innerText()).toBe(asPinyinStatus);

    await page.goForward();
    await expect.poll(() => input.inputValue()).toBe(quoted);
    await expect.poll(() => results.getAttribute('data-query')).toBe(quoted);
    await page.waitForSelector('[data-search-page] [data-search-results][data-state="done"]');
    expect(await paras()).toBe(asEnglish);
    clean();
  });
});

describe('odd queries', () => {
  it('full-width spaces, regex characters, `$&` and 2,000 characters give a message and inject nothing', async () => {
    await page.goto(`${origin}/search/`);
    const [ascii, wide] = await runQueries(page, ['神经 网络', '神经　网络']);
    expect(wide!.paras).toEqual(ascii!.paras);
    expect(ascii!.paras.length).toBeGreaterThan(0);
    const odd = ['.*', '(权重|偏置)', '^$', '[a-z]+', '$&权重', '$1 weights', '\\d+', '权重\u3000\u3000', '\u3000', 'w'.repeat(2000), '<img src=x onerror="window.__pwned=1"> 权重'];
    const runs = await runQueries(page, odd);
    runs.forEach((run, i) => {
      const q = odd[i]!;
      expect(run.foreignElements, q).toBe(0);
      expect(run.status.length, q).toBeGreaterThan(0);
    });
    // Echoed as typed, not as a replacement pattern.
    expect(runs[4]!.status).toContain('$&权重');
    expect(runs[9]!.status).toMatch(/100/);
    expect(runs[7]!.paras).toEqual((await runQuery(page, '权重')).paras);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    clean();
  });
});
