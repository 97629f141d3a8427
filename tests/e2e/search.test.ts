/**
 * Search in the built site (header dialog and /search/), in Chromium:
 * results link to the right paragraph in the right rendition and highlight
 * the query there; keyboard open/move/close; hostile input injects nothing;
 * the search code loads only when search opens; every glossary term (both
 * languages) finds every paragraph that contains it (the recall check that
 * runs in CI; the full benchmark is `npm run bench:search`).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchedPage, type PageProblems } from './browser';
import { readSiteRecords } from '../../scripts/search/extract';
import { runQueries, runQuery } from '../../scripts/bench/search-runner';
import { expectedKeys, foldRecords, type FoldedRecord } from '../../src/lib/search/ground-truth';

const origin = inject('origin');
let browser: Browser;
let records: FoldedRecord[];

beforeAll(async () => {
  browser = await launchBrowser();
  records = foldRecords(await readSiteRecords('dist'));
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string, viewport = { width: 1280, height: 900 }, view?: { r: string; l: string }): Promise<{ page: Page; problems: PageProblems }> {
  const context = await browser.newContext({ viewport });
  if (view) await context.addInitScript((v) => localStorage.setItem('reader-view', v), JSON.stringify(view));
  const watched = await watchedPage(context, origin);
  await watched.page.goto(`${origin}${path}`);
  return watched;
}

function clean(problems: PageProblems): void {
  expect(problems.pageErrors).toEqual([]);
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.foreignRequests).toEqual([]);
}

/**
 * Follow a result link and check the page shows the paragraph, in the
 * rendition, with the query marked; a link to a segment (`#s05-p07-s2`) must
 * name a segment whose own text holds a marked hit.
 */
async function followResult(page: Page, link: string, rendition: string, marked: RegExp): Promise<void> {
  const hash = /#(.+)$/.exec(link)![1]!;
  const para = hash.replace(/-s\d+$/, '');
  await page.locator(`a.sr-link[href="${link.replace(/"/g, '\\"')}"]`).first().click();
  await page.waitForURL((url) => url.hash === `#${hash}`);
  const target = page.locator(`[data-para-id="${para}"] [data-rendition="${rendition}"]`).first();
  await expect.poll(() => target.isVisible()).toBe(true);
  const marks = target.locator('mark.search-hit');
  await expect.poll(() => marks.count()).toBeGreaterThan(0);
  expect((await marks.allInnerTexts()).join(' ')).toMatch(marked);
  if (hash !== para) {
    const segMarks = target.locator(`[data-seg-id="${hash}"] mark.search-hit`);
    expect(await segMarks.count(), `the linked segment ${hash} holds a hit`).toBeGreaterThan(0);
  }
  await expect.poll(() => target.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > 0 && r.top < window.innerHeight;
  })).toBe(true);
}

describe('search results', () => {
  it('a Chinese term links to its paragraph in the free rendition (the reader’s), highlighted', async () => {
    const { page, problems } = await open('/search/?q=' + encodeURIComponent('权重'), undefined, { r: 'free', l: 'both' });
    await page.waitForSelector('[data-search-page] [data-search-results][data-state="done"]');
    const run = await runQuery(page, '权重');
    expect(run.keys.length).toBeGreaterThan(0);
    expect(run.terms).toContain('weight');
    const free = run.hrefs.find((h) => h.includes('r=free'));
    expect(free, 'a free-rendition hit').toBeTruthy();
    // Results open the segment (sentence) that holds the hit, not only the paragraph.
    expect(free).toMatch(/^\/[a-z-]+\/\?r=free&hl=%E6%9D%83%E9%87%8D#s\d\d-p\d\d-s\d+$/);
    await followResult(page, free!, 'free', /权重/);
    expect(await page.evaluate(() => document.documentElement.dataset.r)).toBe('free');
    clean(problems);
  });

  it('an English term links to its paragraph in English, highlighted', async () => {
    const { page, problems } = await open('/search/');
    const run = await runQuery(page, 'activation function');
    const en = run.hrefs.find((h) => h.includes('r=en'));
    expect(en, 'an English hit').toBeTruthy();
    await followResult(page, en!, 'en', /activation.*function|function.*activation/is);
    expect(['en', 'both']).toContain(await page.evaluate(() => document.documentElement.dataset.l));
    clean(problems);
  });

  it('traditional characters and full-width letters find the simplified text', async () => {
    const { page, problems } = await open('/search/');
    const simplified = await runQuery(page, '神经网络');
    const traditional = await runQuery(page, '神經網絡');
    expect(traditional.keys).toEqual(simplified.keys);
    expect(simplified.keys.length).toBeGreaterThan(0);
    expect((await runQuery(page, 'ＲｅＬＵ')).keys).toEqual((await runQuery(page, 'relu')).keys);
    clean(problems);
  });

  it('hostile, empty, long and punctuation-only queries give a message and inject nothing', async () => {
    const { page, problems } = await open('/search/');
    const inputs = ['<img src=x onerror="window.__pwned=1">', '<script>window.__pwned=1</script>', '"', '\\', '.*', '(a|b)+', '[权重]', '', '   ', '。，', 'x'.repeat(10_000)];
    for (const q of inputs) {
      const run = await runQuery(page, q);
      expect(run.foreignElements, q).toBe(0);
      expect(run.status.length, `message for ${JSON.stringify(q.slice(0, 20))}`).toBeGreaterThan(0);
      if (!/[\p{L}\p{N}]/u.test(q) || q.length > 100) expect(run.keys, q).toEqual([]);
    }
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img[src="x"], script:not([src]):has-text("__pwned")').count()).toBe(0);
    clean(problems);
  });
});

describe('header search', () => {
  it('loads nothing until opened, then opens with / and Ctrl-K, moves with arrows, closes with Esc', async () => {
    const { page, problems } = await open('/neural-nets/');
    const searchRequests: string[] = [];
    page.on('request', (r) => {
      if (/\/pagefind\/|\/search\/data\.json|\/_astro\/(engine|dialog|controller|convert)\.[\w-]+\.js/.test(r.url())) searchRequests.push(r.url());
    });
    await page.waitForLoadState('networkidle');
    expect(searchRequests).toEqual([]);

    const dialog = page.locator('dialog.search-dialog');
    const input = dialog.locator('.sr-input');
    await page.keyboard.press('/');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    await expect.poll(() => input.evaluate((el) => el === document.activeElement)).toBe(true);
    await input.fill('吸引子');
    await page.waitForSelector('dialog.search-dialog [data-search-results][data-state="done"][data-query="吸引子"]');
    expect(searchRequests.some((u) => u.includes('/pagefind/'))).toBe(true);

    const selected = () => dialog.locator('[role="option"][aria-selected="true"]').getAttribute('id');
    const first = await selected();
    expect(first).toBeTruthy();
    await page.keyboard.press('ArrowDown');
    const second = await selected();
    expect(second).not.toBe(first);
    expect(await input.getAttribute('aria-activedescendant')).toBe(second);
    await page.keyboard.press('ArrowUp');
    expect(await selected()).toBe(first);

    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    // "/" works after using a view switch too (a radio takes no text), but not in a text field.
    await page.locator('#view-l-both').focus();
    await page.keyboard.press('/');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(false);
    await page.keyboard.press('Control+k');
    await expect.poll(() => dialog.evaluate((d) => (d as HTMLDialogElement).open)).toBe(true);

    // Enter opens the active result.
    await page.keyboard.press('ArrowDown');
    const href = await dialog.locator('[role="option"][aria-selected="true"] a').getAttribute('href');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => `${url.pathname}${url.search}${url.hash}` === href);
    clean(problems);
  });

  it('works at phone width', async () => {
    const { page, problems } = await open('/training/', { width: 390, height: 844 });
    await page.locator('.search-open').click();
    const dialog = page.locator('dialog.search-dialog');
    await dialog.locator('.sr-input').fill('神经网络');
    await page.waitForSelector('dialog.search-dialog [data-search-results][data-state="done"][data-query="神经网络"]');
    const box = await dialog.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(380);
    expect(await dialog.evaluate((d) => d.scrollWidth <= d.clientWidth + 1)).toBe(true);
    const link = dialog.locator('a.sr-link[data-result-para]').first();
    const linkBox = await link.boundingBox();
    expect(linkBox!.x).toBeGreaterThanOrEqual(0);
    expect(linkBox!.x + linkBox!.width).toBeLessThanOrEqual(390);
    clean(problems);
  });
});

describe('recall on every glossary term (both languages)', () => {
  it('finds every paragraph rendition that contains the term, and offers the glossary entry', async () => {
    const { page, problems } = await open('/search/');
    const data = (await (await fetch(`${origin}/search/data.json`)).json()) as { terms: Array<{ id: string; zh: string; en: string }> };
    expect(data.terms.length).toBeGreaterThan(0);
    const queries = data.terms.flatMap((term) => [...new Set([term.zh, term.en])].map((q) => ({ q, id: term.id })));
    const runs = await runQueries(page, queries.map((x) => x.q));
    const misses: string[] = [];
    queries.forEach(({ q, id }, i) => {
      const got = new Set(runs[i]!.keys);
      for (const key of expectedKeys(records, q)) if (!got.has(key)) misses.push(`${q}: ${key}`);
      if (!runs[i]!.terms.includes(id)) misses.push(`${q}: glossary entry ${id} not offered`);
      // Every text result opens a segment of its own paragraph; where the paragraph holds the
      // term as one phrase, the segment opened holds it.
      for (const href of runs[i]!.hrefs.filter((h) => !h.startsWith('/glossary/'))) {
        const m = /[?&]r=(literal|free|en)\b.*#((s\d\d-p\d\d)-s(\d+))$/.exec(href);
        if (!m) {
          misses.push(`${q}: result ${href} does not open a segment`);
          continue;
        }
        const rec = records.find((r) => r.para === m[3] && r.rendition === m[1]);
        const k = Number(m[4]) - 1;
        const starts = rec?.segStarts ?? [];
        const segText = rec ? rec.text.slice(starts[k] ?? 0, starts[k + 1] ?? rec.text.length) : '';
        const holds = (t: string) => t.toLowerCase().includes(q.toLowerCase());
        if (rec && holds(rec.text) && !holds(segText)) misses.push(`${q}: ${m[2]} (${m[1]}) does not hold it`);
      }
    });
    expect(misses).toEqual([]);
    clean(problems);
  });
});
