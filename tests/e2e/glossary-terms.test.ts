/**
 * Issue 15, term lookup and the glossary page, in Chromium:
 * - every use of 权重 in s05 ¶14, in every rendition, is marked and can be
 *   looked up by hover, by keyboard (tab stop + arrow keys) and by tap; the
 *   tooltip is bilingual (Chinese use: pinyin and the English term; English use:
 *   the Chinese term and its pinyin) with the definition; later uses are drawn
 *   quietly; the number of marked uses is computed from the content;
 * - the glossary page shows pinyin for every entry, filters by Chinese,
 *   English, toneless and toned pinyin (with `?q=` and a no-match message, a
 *   polite count), lists everything without JavaScript, and has two indexes
 *   (English A–Z, pinyin order) whose letters link to their entries.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, watchedPage } from './browser';
import { loadGlossary, loadParts } from '../unit/load-content';
import { termReading } from '../../src/lib/glossary-index';

const origin = inject('origin');
const glossary = loadGlossary();
const weight = glossary.find((t) => t.id === 'weight')!;
const para = loadParts()
  .find((p) => p.part === 's05')!
  .paragraphs.find((p) => p.id === 's05-p14')!;
const reading = termReading(weight.zh);

let browser: Browser;
let context: BrowserContext;
beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
});

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** [start, end) of every match of `forms` in `text` (Chinese: substrings; English: whole words, any case), longest form first, non-overlapping. */
function spans(text: string, forms: string[], lang: 'zh' | 'en'): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const f of [...forms].sort((a, b) => b.length - a.length)) {
    const re = lang === 'zh' ? new RegExp(escape(f), 'g') : new RegExp(`(?<![\\p{L}\\p{N}])${escape(f)}(?![\\p{L}\\p{N}])`, 'giu');
    for (const m of text.matchAll(re)) {
      const s: [number, number] = [m.index, m.index + m[0].length];
      if (out.every(([a, b]) => s[1] <= a || s[0] >= b)) out.push(s);
    }
  }
  return out;
}

/**
 * Uses of a term in a text, from the content: its forms, minus those inside one of
 * its exclusion phrases and minus those inside a longer form of another term.
 */
function expectedUses(text: string, termId: string, lang: 'zh' | 'en'): number {
  const term = glossary.find((t) => t.id === termId)!;
  const formsOf = (t: (typeof glossary)[number]) => [t[lang], ...(t.aliases?.[lang] ?? [])];
  const inside = (s: [number, number], ranges: Array<[number, number]>) => ranges.some(([a, b]) => s[0] >= a && s[1] <= b && b - a > s[1] - s[0]);
  const excluded = spans(text, term.exclude?.[lang] ?? [], lang);
  const longer = glossary.filter((t) => t.id !== termId).flatMap((t) => spans(text, formsOf(t), lang));
  return spans(text, formsOf(term), lang).filter((s) => !excluded.some(([a, b]) => s[0] >= a && s[1] <= b) && !inside(s, longer)).length;
}

/** Text of the visible tooltip (or null). */
async function tipText(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const tip = document.querySelector<HTMLElement>('[role="tooltip"]');
    if (!tip || tip.hidden || tip.getClientRects().length === 0) return null;
    const r = tip.getBoundingClientRect();
    if (r.right > document.documentElement.clientWidth + 1 || r.left < -1) return `off screen: ${r.left}–${r.right}`;
    return tip.innerText;
  });
}

function expectBilingual(text: string | null, lang: 'zh' | 'en'): void {
  expect(text, 'a tooltip is shown').toBeTruthy();
  expect(text).toContain(reading.toned);
  expect(text).toContain(weight.zh);
  expect(text!.toLowerCase()).toContain(weight.en);
  expect(text).toContain(lang === 'zh' ? weight.definition.zh : weight.definition.en);
}

describe('every use of a term can be looked up (s05 ¶14, 权重)', () => {
  it('the marked uses in every rendition are exactly the uses in the content; one tab stop per rendition; later uses drawn quietly', async () => {
    const { page, problems } = await watchedPage(context, origin);
    await page.goto(`${origin}/neural-nets/`);
    const dom = await page.evaluate(() => {
      const p = document.getElementById('s05-p14')!;
      return [...p.querySelectorAll<HTMLElement>(':scope > [data-rendition]')].map((r) => ({
        rendition: r.dataset.rendition!,
        uses: [...r.querySelectorAll<HTMLElement>('.term[data-term="weight"]')].map((t) => t.textContent),
        stops: r.querySelectorAll('.term[tabindex="0"]').length,
        terms: r.querySelectorAll('.term').length,
      }));
    });
    expect(dom.map((d) => d.rendition).sort()).toEqual(['en', 'free', 'literal']);
    for (const d of dom) {
      const lang = d.rendition === 'en' ? 'en' : 'zh';
      const text = para[d.rendition as 'literal' | 'free' | 'en'];
      const n = expectedUses(text, 'weight', lang);
      expect(n, `${d.rendition}: the content uses the term more than once`).toBeGreaterThan(1);
      expect(d.uses.length, `${d.rendition}: ${d.uses.join(', ')}`).toBe(n);
      expect(d.stops, `${d.rendition}: one tab stop`).toBe(d.terms > 0 ? 1 : 0);
    }
    // The first use on the page is underlined; a later one only on hover.
    const deco = await page.evaluate(() => {
      const line = (el: Element) => getComputedStyle(el).textDecorationLine;
      const all = [...document.querySelectorAll('[data-rendition="literal"] .term[data-term="weight"]')];
      const later = document.querySelector('#s05-p14 [data-rendition="literal"] .term[data-term="weight"]')!;
      return { first: line(all[0]!), later: line(later), laterIsFirst: all[0] === later };
    });
    expect(deco.laterIsFirst).toBe(false);
    expect(deco.first).toBe('underline');
    expect(deco.later).toBe('none');
    expect(problems.pageErrors).toEqual([]);
    await page.close();
  });

  it('hovering each use (literal, free, English) shows pinyin, the other language and the definition', async () => {
    const { page, problems } = await watchedPage(context, origin);
    for (const [r, lang] of [['literal', 'zh'], ['free', 'zh'], ['en', 'en']] as const) {
      await page.goto(`${origin}/neural-nets/?r=${r === 'en' ? 'literal' : r}&l=both`);
      const uses = page.locator(`#s05-p14 [data-rendition="${r}"] .term[data-term="weight"]`);
      const n = await uses.count();
      expect(n).toBe(expectedUses(para[r], 'weight', lang));
      for (let i = 0; i < n; i += 1) {
        await uses.nth(i).scrollIntoViewIfNeeded();
        // Hover again if late layout (a figure above hydrating) moved the text from under the pointer;
        // the hover state is applied on the next frame.
        let seen: string | null = null;
        await expect
          .poll(async () => {
            await uses.nth(i).hover();
            await page.waitForTimeout(50);
            const line = await uses.nth(i).evaluate((el) => (el.matches(':hover') ? getComputedStyle(el).textDecorationLine : 'not hovered'));
            seen = await tipText(page);
            return { line, shown: seen !== null };
          }, { timeout: 8000 })
          .toEqual({ line: 'underline', shown: true });
        expectBilingual(seen, lang);
      }
    }
    expect(problems.pageErrors).toEqual([]);
    await page.close();
  });

  it('by keyboard: Tab reaches the rendition’s terms, the arrow keys reach every use, each described and shown', async () => {
    const { page, problems } = await watchedPage(context, origin);
    await page.goto(`${origin}/neural-nets/?r=literal&l=zh`);
    await page.focus('#s05-p14');
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => document.activeElement?.closest('#s05-p14') !== null && document.activeElement!.classList.contains('term'));
    expect(first, 'Tab from the paragraph lands on its first term').toBe(true);
    const total = await page.locator('#s05-p14 [data-rendition="literal"] .term').count();
    const reached: number[] = [];
    for (let i = 0; i < total; i += 1) {
      const at = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const all = [...document.querySelectorAll('#s05-p14 [data-rendition="literal"] .term')];
        const described = el.getAttribute('aria-describedby');
        return { index: all.indexOf(el), term: el.dataset.term, described: described ? document.getElementById(described)?.textContent ?? '' : '' };
      });
      if (at.term === 'weight') {
        reached.push(at.index);
        await expect.poll(() => tipText(page), { timeout: 5000 }).not.toBeNull();
        expectBilingual(await tipText(page), 'zh');
        expect(at.described).toContain(weight.definition.zh);
        expect(at.described).toContain(reading.toned);
      }
      await page.keyboard.press('ArrowRight');
    }
    expect(reached.length).toBe(expectedUses(para.literal, 'weight', 'zh'));
    // Roving: the term reached last is now the rendition's only tab stop.
    const stops = await page.$$eval('#s05-p14 [data-rendition="literal"] .term[tabindex="0"]', (els) => els.length);
    expect(stops).toBe(1);
    await page.keyboard.press('Escape');
    expect(await tipText(page)).toBeNull();
    expect(problems.pageErrors).toEqual([]);
    await page.close();
  });

  it('on a phone, tapping each use shows the tooltip; tapping elsewhere hides it', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 812 }, hasTouch: true, isMobile: true });
    const { page, problems } = await watchedPage(phone, origin);
    await page.goto(`${origin}/neural-nets/?r=literal&l=en`);
    const uses = page.locator('#s05-p14 [data-rendition="en"] .term[data-term="weight"]');
    const n = await uses.count();
    expect(n).toBe(expectedUses(para.en, 'weight', 'en'));
    for (let i = 0; i < n; i += 1) {
      await uses.nth(i).scrollIntoViewIfNeeded();
      await uses.nth(i).tap();
      await expect.poll(() => tipText(page), { timeout: 5000 }).not.toBeNull();
      expectBilingual(await tipText(page), 'en');
    }
    await page.locator('.part-head h1').tap();
    await expect.poll(() => tipText(page), { timeout: 5000 }).toBeNull();
    expect(problems.pageErrors).toEqual([]);
    await phone.close();
  });
});

/** Entries of the glossary page that are displayed. */
async function shownEntries(page: Page): Promise<string[]> {
  return page.$$eval('dl.entries > .entry', (els) => els.filter((e) => e.getClientRects().length > 0).map((e) => e.id));
}

describe('glossary page', () => {
  it('every entry shows its pinyin; filter by Chinese, English, toneless and toned pinyin; no-match message; count; ?q=', async () => {
    const { page, problems } = await watchedPage(context, origin);
    await page.goto(`${origin}/glossary/`);
    const pys = await page.$$eval('dl.entries > .entry', (els) => els.map((e) => ({ id: e.id, py: e.querySelector('[lang="zh-Latn-pinyin"]')?.textContent ?? '' })));
    expect(pys.length).toBe(glossary.length);
    for (const { id, py } of pys) expect(py, id).toBe(termReading(glossary.find((t) => t.id === id)!.zh).toned);

    const input = page.locator('#gl-q');
    const status = page.locator('#gl-count[role="status"]');
    for (const q of [weight.zh, weight.en.toUpperCase(), reading.key, reading.toned, reading.tonedKey]) {
      await input.fill(q);
      const shown = await shownEntries(page);
      expect(shown, q).toContain('weight');
      // Entries that match neither form are hidden: every shown entry mentions the query somewhere.
      expect(shown.length, q).toBeLessThan(glossary.length);
      await expect.poll(() => status.innerText(), { timeout: 3000 }).toContain(String(shown.length));
      expect(new URL(page.url()).searchParams.get('q')).toBe(q);
    }
    // A word from a definition finds its entry.
    const defWord = weight.definition.en.split(/\W+/).find((w) => w.length > 8)!;
    await input.fill(defWord);
    expect(await shownEntries(page)).toContain('weight');
    // Nothing matches: a message, no entry, and the count says 0.
    await input.fill('zzxqj');
    expect(await shownEntries(page)).toEqual([]);
    expect(await page.locator('[data-glossary-none]').isVisible()).toBe(true);
    await expect.poll(() => status.innerText(), { timeout: 3000 }).toMatch(/\b0\b/);
    await input.fill('');
    expect((await shownEntries(page)).length).toBe(glossary.length);
    expect(await page.locator('[data-glossary-none]').isVisible()).toBe(false);
    // The URL's query is applied on arrival.
    await page.goto(`${origin}/glossary/?q=${encodeURIComponent('quan zhong')}`);
    expect(await input.inputValue()).toBe('quan zhong');
    expect(await shownEntries(page)).toContain('weight');
    expect((await shownEntries(page)).length).toBeLessThan(glossary.length);
    expect(problems.pageErrors).toEqual([]);
    await page.close();
  });

  it('filter: Chinese typed with a space, other English word forms, and ü typed as ü, v or u: (aliases included)', async () => {
    const { page, problems } = await watchedPage(context, origin);
    await page.goto(`${origin}/glossary/`);
    const input = page.locator('#gl-q');
    // The entries with ü in the reading of their headword or of a Chinese alias (自然规律 zìrán guīlǜ), from the content.
    const withU = glossary
      .map((t) => ({ id: t.id, syllables: [t.zh, ...(t.aliases?.zh ?? [])].flatMap((zh) => termReading(zh).toned.normalize('NFD').replace(/[\u0300\u0301\u030c\u0304]/g, '').normalize('NFC').split(' ')) }))
      .flatMap((t) => t.syllables.filter((s) => s.includes('ü')).map((s) => ({ id: t.id, syllable: s })));
    expect(withU.length, 'a term with ü in its pinyin').toBeGreaterThan(0);
    const cases: Array<[string, string]> = [
      ['神经 网络', 'neural-net'],
      ['神经  网络', 'neural-net'],
      ['activation functions', 'activation-function'],
      ['Activation Functions', 'activation-function'],
      ['weights', 'weight'],
      ...withU.flatMap(({ id, syllable }) => [syllable, syllable.replace('ü', 'v'), syllable.replace('ü', 'u:')].map((q): [string, string] => [q, id])),
    ];
    const missed: string[] = [];
    for (const [q, id] of cases) {
      await input.fill(q);
      const shown = await shownEntries(page);
      if (!shown.includes(id)) missed.push(`${q} → ${id}`);
      else expect(shown.length, q).toBeLessThan(glossary.length);
    }
    expect(missed).toEqual([]);
    // Still no match for noise.
    await input.fill('zzxqj functions');
    expect(await shownEntries(page)).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    await page.close();
  });

  it('filter: traditional characters, ü = v = u: (same entries), A–Z letters follow the filter, interface font on phones', async () => {
    const { page, problems } = await watchedPage(context, origin);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${origin}/glossary/`);
    const input = page.locator('#gl-q');
    // Traditional input finds the simplified entries (the converter loads on the first Chinese query).
    for (const [q, id] of [['神經網絡', 'neural-net'], ['權重', 'weight'], ['神經網路', 'neural-net']] as const) {
      await input.fill(q);
      await expect.poll(() => shownEntries(page), { timeout: 10_000, message: q }).toContain(id);
    }
    // ü, v and u: are one letter: the same entries, whatever else the letters spell.
    for (const [a, b, c] of [['lü', 'lv', 'lu:'], ['nü', 'nv', 'nu:']]) {
      await input.fill(a!);
      const want = await shownEntries(page);
      for (const q of [b!, c!]) {
        await input.fill(q);
        expect(await shownEntries(page), `${q} = ${a}`).toEqual(want);
      }
    }
    // The letters: a link where some entry under it is shown, none (disabled) where none is; hidden when nothing matches.
    const letters = () =>
      page.evaluate(() => {
        const shown = new Set([...document.querySelectorAll<HTMLElement>('dl.entries > .entry')].filter((e) => e.getClientRects().length > 0).map((e) => e.id));
        return [...document.querySelectorAll<HTMLAnchorElement>('[data-index-letters] a')].map((a) => {
          const row = document.getElementById(`idx-${a.closest<HTMLElement>('[data-index-letters]')!.dataset.indexLetters}-${a.textContent}`)!;
          const any = [...row.querySelectorAll<HTMLAnchorElement>('dd a')].some((t) => shown.has(t.hash.slice(1)));
          return { letter: a.textContent, any, link: a.hasAttribute('href'), visible: a.getClientRects().length > 0 };
        });
      });
    await input.fill('weight');
    const some = await letters();
    expect(some.filter((l) => l.link !== l.any)).toEqual([]);
    expect(some.some((l) => !l.link) && some.some((l) => l.link)).toBe(true);
    await input.fill('zzxqj');
    expect((await letters()).filter((l) => l.visible)).toEqual([]);
    await input.fill('');
    expect((await letters()).every((l) => l.link && l.visible)).toBe(true);
    // The hint and the count are interface text: the interface font in both languages (not the reading serif).
    await page.evaluate(() => {
      const select = document.getElementById('ui-lang') as HTMLSelectElement;
      select.value = 'both';
      select.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await expect.poll(() => page.locator('#gl-count').innerText()).not.toBe('');
    const fonts = await page.evaluate(() => {
      const ui = getComputedStyle(document.querySelector('.gl-filter label')!).fontFamily;
      return [...document.querySelectorAll('#gl-q-hint span, #gl-count span')].map((s) => ({ text: s.textContent, ok: getComputedStyle(s).fontFamily === ui }));
    });
    expect(fonts.length).toBeGreaterThanOrEqual(4);
    expect(fonts.filter((f) => !f.ok)).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    await page.close();
  });

  it('indexes: English A–Z and pinyin order (toneless, then tone), each letter linking to its entries', async () => {
    const { page } = await watchedPage(context, origin);
    await page.goto(`${origin}/glossary/`);
    const cols = await page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('[data-index]')].map((col) => [
          col.dataset.index!,
          {
            letters: [...document.querySelectorAll<HTMLAnchorElement>(`[data-index-letters="${col.dataset.index}"] a`)].map((a) => ({ letter: a.textContent, target: a.hash.slice(1) })),
            groups: [...col.querySelectorAll<HTMLElement>('.group-row')].map((g) => ({
              id: g.id,
              letter: g.querySelector('dt')?.textContent,
              ids: [...g.querySelectorAll<HTMLAnchorElement>('dd a')].map((a) => a.hash.slice(1)),
            })),
          },
        ]),
      ),
    );
    const expectedEn = [...glossary].sort((a, b) => a.en.localeCompare(b.en, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id)).map((t) => t.id);
    const key = (t: (typeof glossary)[number]) => termReading(t.zh);
    const expectedPy = [...glossary]
      .sort((a, b) => {
        // Dictionary order: syllable by syllable on the toneless spelling, then the tones.
        const ka = key(a);
        const kb = key(b);
        const sa = ka.syllables.join(' ') + ' ';
        const sb = kb.syllables.join(' ') + ' ';
        if (sa !== sb) return sa < sb ? -1 : 1;
        return ka.tones.join('') < kb.tones.join('') ? -1 : ka.tones.join('') > kb.tones.join('') ? 1 : 0;
      })
      .map((t) => t.id);
    expect(cols.en!.groups.flatMap((g) => g.ids)).toEqual(expectedEn);
    expect(cols.py!.groups.flatMap((g) => g.ids)).toEqual(expectedPy);
    for (const [kind, col] of Object.entries(cols)) {
      expect(col.letters.map((l) => l.letter)).toEqual(col.groups.map((g) => g.letter));
      for (const l of col.letters) {
        const group = col.groups.find((g) => g.id === l.target);
        expect(group, `${kind} ${l.letter}`).toBeTruthy();
        for (const id of group!.ids) {
          const t = glossary.find((x) => x.id === id)!;
          const head = kind === 'en' ? t.en : key(t).key;
          expect(head[0]!.toUpperCase(), `${kind} ${l.letter}: ${id}`).toBe(l.letter);
          expect(await page.locator(`dl.entries > [id="${id}"]`).count()).toBe(1);
        }
      }
    }
    // A letter link goes to its group.
    const link = page.locator('[data-index-letters="py"] a').first();
    await link.click();
    expect(new URL(page.url()).hash).toBe(`#${cols.py!.letters[0]!.target}`);
    await page.close();
  });

  it('without JavaScript every entry is listed and no dead filter box is shown', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    const page = await noJs.newPage();
    await page.goto(`${origin}/glossary/?q=weight`);
    expect((await shownEntries(page)).length).toBe(glossary.length);
    expect(await page.locator('#gl-q').isVisible()).toBe(false);
    await noJs.close();
  });
});
