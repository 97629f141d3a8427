/**
 * Search the way people type (issue 15), in Chromium against the built site:
 * English word forms (`training` finds train/trained; `Neural Nets` finds as
 * many paragraphs as `neural net`), quoted phrases, pinyin in three
 * spellings, a suggestion when nothing is found, one result per paragraph
 * with its aligned counterpart, the reader's rendition kept when a result is
 * opened (or a notice when the hit is only in another rendition), and the
 * counterpart segment highlighted on arrival. Expected paragraphs are
 * computed from the built text (src/lib/search/ground-truth.ts), not listed.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, watchedPage, type PageProblems } from './browser';
import { readSiteRecords } from '../../scripts/search/extract';
import { runQueries, runQuery } from '../../scripts/bench/search-runner';
import { morphQueries, pinyinQueries, pinyinSpellings } from '../../scripts/bench/search-form-queries';
import { expectedKeys, expectedMorphKeys, foldRecords, holdsQueryMorph, vocabularyOf, type FoldedRecord } from '../../src/lib/search/ground-truth';
import { fold } from '../../src/lib/search/fold';

const origin = inject('origin');
const DIST = process.env.SITE_DIST ?? 'dist';
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;
let records: FoldedRecord[];
let vocabulary: Set<string>;

beforeAll(async () => {
  browser = await launchBrowser();
  records = foldRecords(await readSiteRecords(DIST));
  vocabulary = vocabularyOf(records);
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  // The reader reads literal Chinese beside English (the default view, stated so the test does not depend on it).
  await context.addInitScript(() => localStorage.setItem('reader-view', JSON.stringify({ r: 'literal', l: 'both' })));
  ({ page, problems } = await watchedPage(context, origin));
  await page.goto(`${origin}/search/`);
});
afterAll(async () => {
  await browser?.close();
});

const paraOf = (key: string) => key.split('/')[0]!;
const byKey = () => new Map(records.map((r) => [`${r.para}/${r.rendition}`, r]));

function clean(): void {
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.foreignRequests).toEqual([]);
}

describe('word forms and phrases', () => {
  it('`training` finds the paragraphs with train, trained and training', async () => {
    const expected = expectedMorphKeys(records, 'training', vocabulary);
    // The content has other forms than the typed one (else this test could not fail).
    expect([...expected].some((k) => !byKey().get(k)!.folded.includes('training'))).toBe(true);
    const run = await runQuery(page, 'training');
    const got = new Set(run.keys);
    expect([...expected].filter((k) => !got.has(k))).toEqual([]);
    const all = byKey();
    expect(run.keys.filter((k) => !holdsQueryMorph(all.get(k)!, 'training', vocabulary))).toEqual([]);
  });

  it('`Neural Nets` finds as many paragraphs as `neural net`, in any case', async () => {
    const [lower, plural, upper] = await runQueries(page, ['neural net', 'Neural Nets', 'NEURAL NETS']);
    expect(lower!.paras.length).toBeGreaterThan(3);
    expect(plural!.paras).toEqual(lower!.paras);
    expect(upper!.paras).toEqual(lower!.paras);
  });

  it('a quoted phrase finds the paragraphs that hold it, not only the glossary entry', async () => {
    const phrases = ['neural net', 'activation function', 'weights'];
    const runs = await runQueries(page, phrases.flatMap((p) => [`"${p}"`, `“${p}”`]));
    phrases.forEach((p, i) => {
      const expected = expectedKeys(records, p);
      expect(expected.size, p).toBeGreaterThan(0);
      for (const run of [runs[2 * i]!, runs[2 * i + 1]!]) {
        const got = new Set(run.keys);
        expect([...expected].filter((k) => !got.has(k)), p).toEqual([]);
        expect(run.keys.every((k) => byKey().get(k)!.folded.includes(p)), p).toBe(true);
      }
    });
  });

  it('the computed word-form queries find every expected paragraph rendition', async () => {
    const queries = morphQueries(records);
    const runs = await runQueries(page, queries.map((q) => q.q));
    const misses: string[] = [];
    queries.forEach((q, i) => {
      const expected = q.kind === 'quoted' ? expectedKeys(records, q.q.replace(/["“”]/g, '')) : expectedMorphKeys(records, q.q, vocabulary);
      const got = new Set(runs[i]!.keys);
      for (const k of expected) if (!got.has(k)) misses.push(`${q.q}: ${k}`);
    });
    expect(misses).toEqual([]);
  });
});

describe('pinyin', () => {
  it('shenjing wangluo, shénjīng wǎngluò and shenjingwangluo find the paragraphs with 神经网络', async () => {
    const spellings = pinyinSpellings('神经网络');
    expect(spellings).toEqual(['shenjing wangluo', 'shénjīng wǎngluò', 'shenjingwangluo']);
    const expected = expectedKeys(records, '神经网络');
    expect(expected.size).toBeGreaterThan(0);
    const runs = await runQueries(page, spellings);
    for (const [i, run] of runs.entries()) {
      const got = new Set(run.keys);
      expect([...expected].filter((k) => !got.has(k)), spellings[i]).toEqual([]);
      expect(run.status, spellings[i]).toContain('神经网络');
    }
  });

  it('every glossary term of 2+ characters is found from its pinyin', async () => {
    const data = (await (await fetch(`${origin}/search/data.json`)).json()) as { terms: Array<{ zh: string }> };
    const queries = pinyinQueries(data.terms);
    expect(queries.length).toBeGreaterThan(20);
    const runs = await runQueries(page, queries.map((q) => q.q));
    const found = queries.map((q, i) => {
      const expected = expectedKeys(records, q.truth!);
      const got = new Set(runs[i]!.keys);
      return [...expected].filter((k) => got.has(k)).length / Math.max(1, expected.size);
    });
    const recall = found.reduce((a, b) => a + b, 0) / found.length;
    // Terms whose reading in isolation differs from the text's reading in context may miss; most must not.
    expect(recall).toBeGreaterThan(0.9);
  });

  it('English words that are also pinyin syllables do not bring in Chinese paragraphs', async () => {
    const words = ['an', 'men', 'long'];
    const runs = await runQueries(page, words);
    const all = byKey();
    runs.forEach((run, i) => {
      expect(run.keys.filter((k) => !holdsQueryMorph(all.get(k)!, words[i]!, vocabulary)), words[i]).toEqual([]);
    });
  });
});

describe('an English word read as pinyin', () => {
  it('`women` (not a word of the text) says it was read as pinyin; as English it finds nothing, so that is not offered', async () => {
    // The premise, from the text: `women` is no English word of it, and 我们 is in the Chinese.
    expect(vocabulary.has('women')).toBe(false);
    expect(expectedKeys(records, '我们').size).toBeGreaterThan(0);
    expect(expectedKeys(records, 'women').size).toBe(0);
    const run = await runQuery(page, 'women');
    expect(run.status).toMatch(/我们/);
    const link = page.locator('[data-search-page] .sr-status a[data-search-as]');
    expect(await link.count()).toBe(0);
    // A pinyin query with tone marks is meant as pinyin: no such offer either (the offer itself: search-mixed.test.ts).
    await runQuery(page, 'wǒmen');
    expect(await link.count()).toBe(0);
    clean();
  });
});

describe('messages and grouped results', () => {
  it('a query that finds nothing suggests characters, English or pinyin, in both languages', async () => {
    await runQuery(page, 'qzxqzx');
    const text = await page.locator('[data-search-page] .sr-status').evaluate((el) => el.textContent ?? '');
    expect(text).toMatch(/汉字.*英文.*拼音/s);
    expect(text).toMatch(/Chinese characters.*English.*pinyin/s);
    // Empty and hostile input keep their own messages.
    const [empty, hostile] = await runQueries(page, ['', '<img src=x onerror=alert(1)>']);
    expect(empty!.status.length).toBeGreaterThan(0);
    expect(hostile!.foreignElements).toBe(0);
  });

  it('one result per paragraph, the reader’s rendition first with its aligned counterpart', async () => {
    const run = await runQuery(page, '神经网络');
    expect(run.paras.length).toBe(new Set(run.paras).size);
    expect(run.keys.length).toBeGreaterThan(run.paras.length); // some paragraphs hold it in several renditions
    expect(run.paras.length).toBe(new Set(run.keys.map(paraOf)).size);

    const en = await runQuery(page, 'weights');
    const shown = await page.locator('[data-search-page] a.sr-link[data-result-para]').evaluateAll((links) =>
      links.map((a) => ({
        para: (a as HTMLElement).dataset.resultPara!,
        rendition: (a as HTMLElement).dataset.resultRendition!,
        seg: (a as HTMLElement).dataset.resultSeg ?? '',
        counterpart: a.querySelector('.sr-counterpart-text')?.textContent ?? null,
        counterpartLang: a.querySelector('.sr-counterpart-text')?.getAttribute('lang') ?? null,
      })),
    );
    expect(shown.length).toBe(en.paras.length);
    const english = shown.filter((s) => s.rendition === 'en' && s.seg);
    expect(english.length).toBeGreaterThan(0);
    const all = byKey();
    for (const s of english) {
      // An English hit shows the literal Chinese of the same segment under it.
      expect(s.counterpartLang).toBe('zh-CN');
      const rec = all.get(`${s.para}/literal`)!;
      const k = Number(/-s(\d+)$/.exec(s.seg)![1]) - 1;
      const seg = rec.text.slice(rec.segStarts![k], rec.segStarts![k + 1] ?? rec.text.length).trim();
      const pieces = s.counterpart!.split('…').map((p) => p.trim()).filter(Boolean);
      for (const p of pieces) expect(seg, s.seg).toContain(p);
    }
    clean();
  });
});

describe('opening a result', () => {
  /** A Chinese string of 4 characters that is in some free rendition and in no literal one. */
  function onlyInFree(): { q: string; para: string } {
    const literal = records.filter((r) => r.rendition === 'literal').map((r) => r.folded);
    for (const r of records.filter((x) => x.rendition === 'free')) {
      const chars = [...r.text];
      for (let i = 0; i + 4 <= chars.length; i++) {
        const q = chars.slice(i, i + 4).join('');
        if (/^\p{Script=Han}{4}$/u.test(q) && !literal.some((t) => t.includes(fold(q)))) return { q, para: r.para };
      }
    }
    throw new Error('no string only in the free rendition');
  }

  it('keeps the reader’s rendition when it holds the hit', async () => {
    await runQuery(page, '权重');
    const link = page.locator('[data-search-page] a.sr-link[data-result-para]:not([data-result-elsewhere])').first();
    expect(await link.getAttribute('data-result-rendition')).toBe('literal');
    await link.click();
    await page.waitForURL((u) => u.pathname !== '/search/');
    await page.waitForSelector('mark.search-hit');
    expect(await page.evaluate(() => document.documentElement.dataset.r)).toBe('literal');
    expect(await page.evaluate(() => document.documentElement.dataset.l)).toBe('both');
    expect(await page.locator('.search-notice').count()).toBe(0);
    await page.goto(`${origin}/search/`);
  });

  it('says so when the hit is only in another rendition', async () => {
    const { q, para } = onlyInFree();
    await runQuery(page, q);
    const link = page.locator(`[data-search-page] a.sr-link[data-result-para="${para}"]`);
    expect(await link.getAttribute('data-result-rendition')).toBe('free');
    expect(await link.getAttribute('data-result-elsewhere')).toBe('');
    expect(await link.locator('.sr-only-in').textContent()).toContain('意译');
    await link.click();
    await page.waitForURL((u) => u.pathname !== '/search/');
    expect(await page.evaluate(() => document.documentElement.dataset.r)).toBe('free');
    const notice = page.locator('.search-notice');
    await notice.waitFor({ state: 'visible' });
    const text = await notice.evaluate((el) => el.textContent ?? '');
    expect(text).toContain('意译');
    expect(text).toContain('free Chinese');
    await page.goto(`${origin}/search/`);
  });

  it('highlights the hit’s counterpart segment in the other visible rendition on arrival', async () => {
    await runQuery(page, 'weights');
    const link = page.locator('[data-search-page] a.sr-link[data-result-rendition="en"][data-result-seg]').first();
    const seg = (await link.getAttribute('data-result-seg'))!;
    await link.click();
    await page.waitForURL((u) => u.hash === `#${seg}`);
    const counterpart = page.locator(`[data-rendition="literal"] [data-seg-id="${seg}"].search-counterpart`);
    await counterpart.waitFor({ state: 'visible' });
    expect(await page.locator(`[data-rendition="en"] [data-seg-id="${seg}"] mark.search-hit`).count()).toBeGreaterThan(0);
    expect(await page.locator(`[data-rendition="en"] [data-seg-id="${seg}"].search-counterpart`).count()).toBe(0);
    clean();
  });
});
