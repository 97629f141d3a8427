/**
 * The interface language (issue 15, "The interface speaks the reader's
 * language"): a setting 中文 / English / 双语 separate from the content view.
 * - on every page, with English chosen no visible interface text (or label,
 *   title, placeholder, alt) is Chinese, and with Chinese chosen none is
 *   English, outside the content (the renditions and other bilingual content)
 *   and the few words that are the same in every interface language (language
 *   names, marked `data-ui-fixed`); figures are scrolled into view first so
 *   their islands' run-time strings are checked too, and the search dialog's
 *   messages and results;
 * - switching updates the page without a reload (islands included) and
 *   persists across a reload;
 * - the default follows the content view (English only → en, Chinese only →
 *   zh) and, for the bilingual views, the browser's language;
 * - without JavaScript the interface is Chinese and readable.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, watchedPage } from './browser';
import { builtPages } from './built-pages';

const origin = inject('origin');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Strings of the interface that are in the wrong language, as `where :: text`. */
type Findings = string[];

/**
 * Audit the page in the browser, in bulk: every visible text node and every
 * aria-label / title / placeholder / alt / option label outside the content.
 * `want = 'en'`: nothing may contain a Han character. `want = 'zh'`: nothing
 * may be marked English (`lang="en"`) or read as English words (two or more
 * lowercase words of 3+ letters, or one word from a list of interface words),
 * unless it also holds Chinese.
 */
function audit(page: Page, want: 'zh' | 'en'): Promise<Findings> {
  return page.evaluate((want) => {
    // Content: the renditions, bilingual content blocks (captions, titles, notes, glossary
    // definitions), search excerpts and term names, and words the same in every interface language.
    const CONTENT =
      '[data-rendition], .lang-zh, .lang-en, [data-ui-fixed], .renditions-note, .sr-excerpt[lang], .sr-term-name, script, style, noscript, template, code, kbd, math, .katex';
    const han = /\p{Script=Han}/u;
    const UI_WORDS =
      /\b(search|loading|results?|paragraphs?|figure|click|drag|draw|pick|read|reset|pause|resume|train|view|theme|language|contents|glossary|models?|previous|next|copy|link|skip|cancel|close|open|move|retry|save|saved|examples?|output|input|layers?|channel|kernel|enlarged|handwritten|start|end|blend|probability|position|plot|map|diagram|shop|network|neurons?|weights?|steps?|target|overlaid|gallery|literal|free|both|system|light|dark|dismiss|parts?|site|note|editor|also|used|start reading)\b/i;
    const english = (s: string) => {
      if (han.test(s)) return false;
      const words = s.match(/\b[a-z]{3,}\b/g) ?? [];
      return words.length >= 2 || UI_WORDS.test(s);
    };
    const wrong = (s: string, el: Element) => {
      if (want === 'en') return han.test(s);
      if (han.test(s)) return false;
      const lang = el.closest('[lang]')?.getAttribute('lang') ?? '';
      return lang.startsWith('en') ? /[A-Za-z]{2,}/.test(s) : english(s);
    };
    const out: string[] = [];
    const where = (el: Element) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/)[0]}` : ''}`;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const s = (n.nodeValue ?? '').trim();
      if (!el || !s || el.closest(CONTENT)) continue;
      // Visible: rendered (visually hidden text for screen readers counts), not in a closed dialog or popover.
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      if (wrong(s, el)) out.push(`${where(el)} :: ${s.slice(0, 90)}`);
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt], option[label]')) {
      if (el.closest(CONTENT)) continue;
      for (const a of ['aria-label', 'title', 'placeholder', 'alt', 'label']) {
        const v = el.getAttribute(a);
        if (v && wrong(v, el)) out.push(`${where(el)}@${a} :: ${v.slice(0, 90)}`);
      }
    }
    return [...new Set(out)];
  }, want);
}

/** Scroll through the whole page so every figure hydrates, then let the page settle. */
async function visitAll(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    for (let y = 0; y < document.documentElement.scrollHeight; y += Math.round(innerHeight * 0.9)) {
      scrollTo(0, y);
      await sleep(150);
    }
    // Figures load their props, models and charts once in view: wait until the page stops changing (≤ 8 s).
    let last = '';
    for (let i = 0, same = 0; i < 32 && same < 4; i++) {
      await sleep(250);
      const now = `${document.documentElement.scrollHeight}:${document.querySelectorAll('astro-island[ssr]').length}:${document.body.innerText.length}`;
      same = now === last ? same + 1 : 0;
      last = now;
    }
    scrollTo(0, 0);
  });
}

/** Choose an interface language with the reading controls' select (opening the phone popover if needed). */
async function choose(page: Page, ui: 'zh' | 'en' | 'both'): Promise<void> {
  await page.evaluate((ui) => {
    const select = document.getElementById('ui-lang') as HTMLSelectElement;
    select.value = ui;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, ui);
  await page.waitForFunction((ui) => document.documentElement.dataset.ui === ui, ui);
  // Islands re-render in an effect after the attribute changes.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50))));
}

describe('interface language on every page', () => {
  it('English shows no Chinese interface text and Chinese no English, switching without a reload (content view 对照)', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', reducedMotion: 'reduce' });
    const { page, problems } = await watchedPage(context, origin);
    const pages = builtPages();
    expect(pages.length).toBeGreaterThanOrEqual(8);
    const report: Record<string, Findings> = {};
    const hydrated: Record<string, number> = {};
    for (const path of pages) {
      await page.goto(`${origin}${path}?l=both`, { waitUntil: 'load' });
      const marker = await page.evaluate(() => ((window as unknown as { __uiMarker: number }).__uiMarker = Math.random()));
      await visitAll(page);
      // The figures' islands ran, so their run-time strings are part of the audit.
      hydrated[path] = await page.evaluate(() => document.querySelectorAll('astro-island:not([ssr])').length);
      await choose(page, 'zh');
      report[`zh ${path}`] = await audit(page, 'zh');
      await choose(page, 'en');
      report[`en ${path}`] = await audit(page, 'en');
      // Search messages: the header dialog (on a reading page) and the search page's own box: the
      // hint, a query that finds nothing, and queries that find results and glossary entries.
      const box = path === '/search/' ? 'sp' : path === '/training/' ? 'sd' : null;
      if (box) {
        for (const ui of ['en', 'zh'] as const) {
          await choose(page, ui);
          if (box === 'sd') {
            await page.click('.search-open');
            await page.waitForFunction(() => document.querySelector<HTMLDialogElement>('.search-dialog')?.open === true);
          }
          report[`${ui} ${path} search hint`] = await audit(page, ui);
          for (const q of ['zzqqxx', '权重', 'weights']) {
            await page.fill(`#${box}-input`, q);
            await page.waitForFunction(
              ({ box, q }) => {
                const status = document.getElementById(`${box}-status`)?.textContent ?? '';
                return status.includes(q) || /找到|result/.test(status);
              },
              { box, q },
            );
            await page.waitForTimeout(300);
            report[`${ui} ${path} search ${q}`] = await audit(page, ui);
          }
          await page.fill(`#${box}-input`, '');
          if (box === 'sd') {
            await page.keyboard.press('Escape');
            await page.waitForFunction(() => document.querySelector<HTMLDialogElement>('.search-dialog')?.open === false);
          }
        }
      }
      // Same document all along: the switches did not reload the page.
      expect(await page.evaluate(() => (window as unknown as { __uiMarker: number }).__uiMarker)).toBe(marker);
    }
    const bad = Object.fromEntries(Object.entries(report).filter(([, v]) => v.length));
    expect(bad).toEqual({});
    for (const part of ['/flac-jpeg/', '/neural-nets/', '/training/']) expect(hydrated[part], part).toBeGreaterThan(0);
    console.log('islands hydrated per page:', JSON.stringify(hydrated));
    expect(problems.pageErrors).toEqual([]);
    expect(problems.foreignRequests).toEqual([]);
    await context.close();
  }, 600_000);
});

describe('the setting', () => {
  it('双语 shows both; the choice persists across a reload and pages; a stored choice is not overridden by the content view', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    const { page } = await watchedPage(context, origin);
    await page.goto(`${origin}/glossary/`, { waitUntil: 'load' });
    expect(await page.evaluate(() => document.documentElement.dataset.ui)).toBe('en');
    const shown = () =>
      page.evaluate(() => {
        const nav = document.querySelector('.site-header nav a')!;
        return [...nav.querySelectorAll('.ui-zh, .ui-en')].filter((s) => s.checkVisibility()).map((s) => s.textContent);
      });
    expect(await shown()).toEqual(['Glossary']);
    await choose(page, 'both');
    expect(await shown()).toEqual(['术语表', 'Glossary']);
    // Both on one line, compactly.
    const oneLine = await page.evaluate(() => {
      const a = document.querySelector('.site-header nav a')!;
      const [z, e] = [...a.querySelectorAll('.ui-zh, .ui-en')].map((s) => s.getBoundingClientRect());
      return e!.top < z!.bottom && e!.bottom > z!.top && e!.left > z!.right;
    });
    expect(oneLine).toBe(true);
    await choose(page, 'zh');
    await page.reload({ waitUntil: 'load' });
    expect(await page.evaluate(() => [document.documentElement.dataset.ui, (document.getElementById('ui-lang') as HTMLSelectElement).value])).toEqual(['zh', 'zh']);
    await page.goto(`${origin}/neural-nets/?l=en`, { waitUntil: 'load' });
    expect(await page.evaluate(() => document.documentElement.dataset.ui)).toBe('zh');
    expect(await page.locator('.site-header nav a').first().innerText()).toBe('术语表');
    await context.close();
  });

  it('defaults from the content view, else the browser language, and follows the view until the reader chooses', async () => {
    const uiOf = async (locale: string, query: string) => {
      const context = await browser.newContext({ locale });
      const page = await context.newPage();
      await page.goto(`${origin}/training/${query}`, { waitUntil: 'domcontentloaded' });
      const ui = await page.evaluate(() => document.documentElement.dataset.ui);
      await context.close();
      return ui;
    };
    expect(await uiOf('en-US', '')).toBe('en');
    expect(await uiOf('zh-CN', '')).toBe('zh');
    expect(await uiOf('en-US', '?l=compare')).toBe('en');
    expect(await uiOf('zh-CN', '?l=compare')).toBe('zh');
    expect(await uiOf('en-US', '?l=zh')).toBe('zh');
    expect(await uiOf('zh-CN', '?l=en')).toBe('en');

    // No choice stored: switching the content view to English switches the interface too, at once.
    const context = await browser.newContext({ locale: 'zh-CN', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${origin}/training/`, { waitUntil: 'load' });
    expect(await page.evaluate(() => document.documentElement.dataset.ui)).toBe('zh');
    await page.click('label[for="view-l-en"]');
    await page.waitForFunction(() => document.documentElement.dataset.ui === 'en');
    expect(await page.evaluate(() => (document.getElementById('ui-lang') as HTMLSelectElement).value)).toBe('en');
    expect(await page.locator('.site-header nav a').first().innerText()).toBe('Glossary');
    // The theme button's label, made by script, follows too.
    expect(await page.getAttribute('[data-theme-toggle]', 'aria-label')).toMatch(/^Theme: /);
    await context.close();
  });

  it('without JavaScript the interface is Chinese and readable', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${origin}/neural-nets/`, { waitUntil: 'load' });
    expect(await page.locator('.site-header nav a').first().innerText()).toBe('术语表');
    expect(await page.locator('#ui-lang').isVisible()).toBe(false);
    await context.close();
  });
});
