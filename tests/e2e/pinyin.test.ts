/**
 * The 拼音 / Pinyin switch (issue 15, "Pinyin for learners"): off by default and
 * then nothing about pinyin is fetched; on, every Han character of both Chinese
 * renditions carries its reading in `<ruby>` (polyphonic words read right in
 * context), the text and what a selection copies are unchanged, the reader's
 * place stays, the setting survives a reload, and turning it off gives back the
 * page as it was. The annotations never overlap the line above (phone and
 * laptop widths, Chinese and compare views, print). When the readings cannot be
 * loaded a message says so; without JavaScript the switch is not offered and
 * the text reads as before.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchedPage } from './browser';

const origin = inject('origin');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The readings over `word` inside a segment span (`selector`), space-separated; '' when not annotated. */
function readingOf(page: Page, selector: string, word: string): Promise<string> {
  return page.evaluate(
    ([selector, word]) => {
      const rubies = [...document.querySelector(selector!)!.querySelectorAll('ruby.py')];
      const bases = rubies.map((r) => r.firstChild!.textContent).join('');
      const at = bases.indexOf(word!);
      if (at < 0) return '';
      return rubies
        .slice(at, at + word!.length)
        .map((r) => r.querySelector('rt')!.getAttribute('data-py'))
        .join(' ');
    },
    [selector, word],
  );
}

/** Text content of every rendition of the page, in order. */
function renditionTexts(page: Page): Promise<string[]> {
  return page.$$eval('[data-rendition]', (els) => els.map((e) => e.textContent ?? ''));
}

/** Wait until the page's height has not changed for 1 s (figures in view hydrated), at most 15 s. */
function settle(page: Page): Promise<void> {
  return page.evaluate(async () => {
    let last = -1;
    for (let i = 0, same = 0; i < 60 && same < 4; i++) {
      await new Promise((r) => setTimeout(r, 250));
      const h = document.documentElement.scrollHeight;
      same = h === last ? same + 1 : 0;
      last = h;
    }
  });
}

/** Turn the switch (in the header at desktop width) and wait until the page shows the result. */
async function toggle(page: Page, on: boolean): Promise<void> {
  await page.click('label[for="view-py"]');
  if (on) await page.waitForSelector('html[data-py] ruby.py', { state: 'attached' });
  else await page.waitForFunction(() => !document.documentElement.hasAttribute('data-py') && !document.querySelector('ruby.py'));
}

/**
 * Annotations that reach into the line above: for every displayed Chinese segment, each `rt`
 * box against the text boxes (content areas, taller than the glyphs) of the lines above in the
 * same rendition, and against its own character's em box, which it must sit above. Returns a few descriptions of problems, and how many `rt` were checked.
 */
function overlaps(page: Page, maxSegments: number): Promise<{ checked: number; problems: string[] }> {
  return page.evaluate((maxSegments) => {
    const problems: string[] = [];
    let checked = 0;
    const segs = [...document.querySelectorAll('[data-rendition="literal"] [data-seg-id], [data-rendition="free"] [data-seg-id]')].filter((s) => s.getClientRects().length > 0 && s.querySelector('ruby.py'));
    const byRendition = new Map<Element, Element[]>();
    for (const s of segs.slice(0, maxSegments)) {
      const r = s.closest('[data-rendition]')!;
      byRendition.set(r, [...(byRendition.get(r) ?? []), s]);
    }
    for (const [, list] of byRendition) {
      const glyphs: DOMRect[] = [];
      const annotations: Array<{ rt: DOMRect; base: DOMRect; emTop: number; label: string }> = [];
      for (const seg of list) {
        const walker = document.createTreeWalker(seg, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(n);
          for (const rect of range.getClientRects()) if (rect.width > 0) glyphs.push(rect);
        }
        for (const ruby of seg.querySelectorAll('ruby.py')) {
          const range = document.createRange();
          range.selectNodeContents(ruby.firstChild!);
          const base = range.getBoundingClientRect();
          // The character's em box, where the glyph is drawn, centred in its (taller) content area.
          const em = parseFloat(getComputedStyle(ruby).fontSize);
          const emTop = base.top + (base.height - em) / 2;
          annotations.push({ rt: ruby.querySelector('rt')!.getBoundingClientRect(), base, emTop, label: `${seg.getAttribute('data-seg-id')} ${ruby.textContent}` });
        }
      }
      for (const a of annotations) {
        checked += 1;
        if (a.rt.height === 0 || a.rt.width === 0) problems.push(`${a.label}: annotation not drawn`);
        if (a.rt.bottom > a.emTop + 1) problems.push(`${a.label}: annotation not above its character`);
        for (const g of glyphs) {
          const otherLine = g.bottom < a.base.top + 1;
          const intersects = g.left < a.rt.right - 0.5 && g.right > a.rt.left + 0.5 && g.top < a.rt.bottom - 0.5 && g.bottom > a.rt.top + 0.5;
          if (otherLine && intersects) {
            problems.push(`${a.label}: annotation ${Math.round(a.rt.top)}–${Math.round(a.rt.bottom)} overlaps text above ${Math.round(g.top)}–${Math.round(g.bottom)}`);
            break;
          }
        }
        if (problems.length > 10) return { checked, problems };
      }
    }
    return { checked, problems };
  }, maxSegments);
}

describe('pinyin switch', () => {
  it('off by default without any pinyin request; on: ruby with the right readings in both renditions, text and copy unchanged; off restores the page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    const { page, problems } = await watchedPage(context, origin);
    const pinyinRequests: string[] = [];
    page.on('request', (r) => void (r.url().includes('/pinyin/') && pinyinRequests.push(r.url())));
    await page.goto(`${origin}/neural-nets/?l=compare`, { waitUntil: 'networkidle' });
    expect(await page.isChecked('#view-py')).toBe(false);
    expect(await page.locator('ruby').count()).toBe(0);
    expect(pinyinRequests, 'nothing about pinyin is fetched while it is off').toEqual([]);

    // The reading tools (paragraph menus) load on the first interaction and mark the ¶ anchors as menu
    // buttons; let that happen first, so the before/after comparison is about pinyin alone.
    await page.hover('article.text');
    await page.waitForSelector('a.para-anchor[aria-haspopup]', { state: 'attached' });
    const textsBefore = await renditionTexts(page);
    // The renditions' markup (figures hydrate on their own schedule, so the whole article is not compared).
    const renditionHtml = () => page.evaluate(() => [...document.querySelectorAll('article.text [data-rendition]')].map((r) => r.innerHTML).join('\n'));
    const htmlBefore = await renditionHtml();
    /** What a selection of a whole paragraph (every rendition) gives as text, and what copying it puts on the clipboard. */
    const copyParagraph = (id: string) =>
      page.evaluate(async (id) => {
        const range = document.createRange();
        range.selectNodeContents(document.getElementById(id)!.querySelector('[data-rendition="literal"]')!);
        const sel = getSelection()!;
        sel.removeAllRanges();
        sel.addRange(range);
        const selected = sel.toString();
        document.execCommand('copy');
        const copied = await navigator.clipboard.readText().catch(() => null);
        sel.removeAllRanges();
        return { selected, copied };
      }, id);
    const copyBefore = await copyParagraph('s05-p02');
    expect(copyBefore.selected).toContain('权重');

    await toggle(page, true);
    expect(pinyinRequests).toEqual([`${origin}/pinyin/s05.json`]);
    // Polyphonic characters in context, in the literal and the free rendition.
    const L = (seg: string) => `[data-rendition="literal"] [data-seg-id="${seg}"]`;
    const F = (seg: string) => `[data-rendition="free"] [data-seg-id="${seg}"]`;
    expect(await readingOf(page, L('s05-p02-s3'), '权重')).toBe('quán zhòng');
    expect(await readingOf(page, F('s05-p02-s3'), '权重')).toBe('quán zhòng');
    expect(await readingOf(page, L('s05-p01-s3'), '惊人地')).toBe('jīng rén de');
    expect(await readingOf(page, F('s05-p01-s3'), '出奇地')).toBe('chū qí de');
    expect(await readingOf(page, L('s05-p11-s1'), '三个点中的')).toBe('sān gè diǎn zhōng de');
    expect(await readingOf(page, F('s05-p11-s1'), '三个点中的')).toBe('sān gè diǎn zhōng de');
    expect(await readingOf(page, L('s05-p03-s3'), '了图像')).toBe('le tú xiàng');
    expect(await readingOf(page, L('s05-p09-s1'), '了解')).toBe('liǎo jiě');
    expect(await readingOf(page, F('s05-p37-s3'), '走得更远')).toBe('zǒu de gèng yuǎn');
    // Every Han character of both Chinese renditions is annotated; English is not.
    const coverage = await page.evaluate(() => {
      const han = /\p{Script=Han}/u;
      let chars = 0;
      for (const r of document.querySelectorAll('[data-rendition="literal"], [data-rendition="free"]')) chars += [...(r.textContent ?? '')].filter((c) => han.test(c)).length;
      return { chars, rubies: document.querySelectorAll('ruby.py').length, inEnglish: document.querySelectorAll('[data-rendition="en"] ruby').length };
    });
    expect(coverage.rubies).toBe(coverage.chars);
    expect(coverage.inEnglish).toBe(0);
    // Segment spans and glossary terms are where they were, the text is the same, a copy has no pinyin in it.
    expect(await page.locator('[data-rendition="literal"] > [data-seg-id] ruby.py').count()).toBeGreaterThan(0);
    expect(await page.locator('.term ruby.py').count()).toBeGreaterThan(0);
    expect(await page.locator('ruby.py [data-seg-id], ruby.py .term').count()).toBe(0);
    expect(await renditionTexts(page)).toEqual(textsBefore);
    const copyOn = await copyParagraph('s05-p02');
    expect(copyOn.selected).toBe(copyBefore.selected);
    if (copyBefore.copied !== null) expect(copyOn.copied).toBe(copyBefore.copied);
    expect(copyOn.selected).not.toMatch(/[a-zāáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜ]{2}/);

    await toggle(page, false);
    expect(await renditionHtml()).toBe(htmlBefore);
    // On again: the data is not fetched a second time.
    await toggle(page, true);
    expect(pinyinRequests).toHaveLength(1);
    // A triple click selects the whole rendition, as it does without pinyin (Chromium's ruby boxes would end it at one character).
    await page.locator('[data-rendition="literal"] [data-seg-id="s05-p02-s2"] > ruby.py').nth(3).click({ clickCount: 3 });
    expect(await page.evaluate(() => getSelection()!.toString())).toBe(copyBefore.selected);
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.foreignRequests).toEqual([]);
    await context.close();
  }, 90_000);

  it('is kept after a reload and on the other parts; turning it off is kept too', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page, problems } = await watchedPage(context, origin);
    await page.goto(`${origin}/flac-jpeg/`, { waitUntil: 'load' });
    await toggle(page, true);
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('html[data-py] ruby.py', { state: 'attached' });
    expect(await page.isChecked('#view-py')).toBe(true);
    expect(await readingOf(page, '[data-rendition="literal"] [data-seg-id="s00-p03-s2"]', '行业')).toBe('háng yè');
    expect(await readingOf(page, '[data-rendition="free"] [data-seg-id="s00-p03-s2"]', '行业')).toBe('háng yè');
    await page.goto(`${origin}/training/?l=zh&r=free`, { waitUntil: 'load' });
    await page.waitForSelector('html[data-py] ruby.py', { state: 'attached' });
    expect(await readingOf(page, '[data-rendition="free"] [data-seg-id="s06-p04-s2"]', '重现')).toBe('chóng xiàn');
    expect(await readingOf(page, '[data-rendition="literal"] [data-seg-id="s06-p04-s2"]', '权重')).toBe('quán zhòng');
    // Arriving from a search: the hits are marked, and the pinyin goes inside the marks.
    await page.goto(`${origin}/training/?l=zh&hl=${encodeURIComponent('权重')}#s06-p04`, { waitUntil: 'load' });
    await page.waitForSelector('html[data-py] mark.search-hit ruby.py', { state: 'attached' });
    expect(await page.$$eval('mark.search-hit', (ms) => ms.map((m) => m.textContent))).toContain('权重');
    await toggle(page, false);
    expect(await page.$$eval('mark.search-hit', (ms) => ms.map((m) => m.textContent))).toContain('权重');
    await page.reload({ waitUntil: 'networkidle' });
    expect(await page.isChecked('#view-py')).toBe(false);
    expect(await page.locator('ruby').count()).toBe(0);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  }, 60_000);

  for (const width of [375, 1280]) {
    it(`keeps the reader's place and never overlaps the line above (${width}px: Chinese, compare, print)`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 800 }, reducedMotion: 'reduce' });
      await context.addInitScript(() => {
        if (!sessionStorage.getItem('seeded')) {
          localStorage.setItem('reader-view', JSON.stringify({ r: 'literal', l: 'zh' }));
          sessionStorage.setItem('seeded', '1');
        }
      });
      const { page, problems } = await watchedPage(context, origin);
      await page.goto(`${origin}/neural-nets/`, { waitUntil: 'load' });
      // The reader is in the middle of the text: a paragraph starts at the top of the screen, just below the header.
      const seg = '[data-rendition="literal"] [data-seg-id="s05-p14-s1"]';
      const firstCharTop = () =>
        page.evaluate((seg) => {
          const text = document.createTreeWalker(document.querySelector(seg)!, NodeFilter.SHOW_TEXT).nextNode()!;
          const range = document.createRange();
          range.setStart(text, 0);
          range.setEnd(text, 1);
          return range.getBoundingClientRect().top;
        }, seg);
      await page.evaluate((seg) => {
        const header = Math.max(0, document.querySelector('.site-header')!.getBoundingClientRect().bottom);
        window.scrollBy(0, document.querySelector(seg)!.getBoundingClientRect().top - header - 4);
      }, seg);
      await settle(page);
      const before = await firstCharTop();
      // The switch is in the header on a laptop, in the reading-controls popover on a phone.
      if (width < 800) await page.click('.view-fab');
      await toggle(page, true);
      expect(Math.abs((await firstCharTop()) - before), 'the sentence stays where it was').toBeLessThanOrEqual(3);
      if (width < 800) await page.keyboard.press('Escape');

      for (const view of ['zh', 'compare'] as const) {
        await page.evaluate((view) => document.getElementById(`view-l-${view}`)!.click(), view);
        const { checked, problems: found } = await overlaps(page, 30);
        expect(found, view).toEqual([]);
        expect(checked, view).toBeGreaterThan(150);
      }
      await page.emulateMedia({ media: 'print' });
      const printed = await overlaps(page, 30);
      expect(printed.problems, 'print').toEqual([]);
      expect(printed.checked).toBeGreaterThan(150);
      await page.emulateMedia({ media: 'screen' });

      // Off again: the place is kept as well.
      await page.evaluate(() => document.getElementById('view-l-zh')!.click());
      await page.evaluate((seg) => {
        const header = Math.max(0, document.querySelector('.site-header')!.getBoundingClientRect().bottom);
        window.scrollBy(0, document.querySelector(seg)!.getBoundingClientRect().top - header - 4);
      }, seg);
      await settle(page);
      const beforeOff = await firstCharTop();
      if (width < 800) await page.click('.view-fab');
      await toggle(page, false);
      expect(Math.abs((await firstCharTop()) - beforeOff)).toBeLessThanOrEqual(3);
      expect(problems.pageErrors).toEqual([]);
      await context.close();
    }, 90_000);
  }

  it('when the readings cannot be loaded, says so and leaves the text as it was', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.route('**/pinyin/*.json', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(`${origin}/training/`, { waitUntil: 'load' });
    const before = await renditionTexts(page);
    await page.click('label[for="view-py"]');
    await expect.poll(() => page.locator('.py-status[role="status"]').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await page.locator('.py-status .ui-en').textContent()).toMatch(/Pinyin could not be loaded/);
    expect(await page.locator('ruby').count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.hasAttribute('data-py'))).toBe(false);
    expect(await renditionTexts(page)).toEqual(before);
    await context.close();
  });

  it('without JavaScript the switch is not offered and the text reads', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${origin}/neural-nets/`);
    expect(await page.locator('.py-toggle').isVisible()).toBe(false);
    expect(await page.locator('[data-rendition="literal"] [data-seg-id="s05-p02-s3"]').isVisible()).toBe(true);
    expect(await page.locator('ruby').count()).toBe(0);
    await context.close();
  });
});
