/**
 * Quote cleanly (issue 15):
 * - a selection across paragraphs copies the text alone: no ¶ marks or their
 *   hidden labels, no read-aloud buttons, note labels or figure controls;
 * - the paragraph menu (menu button pattern) copies a link, a citation and the
 *   three renditions without moving the page or adding a history entry; Esc
 *   closes it; a refused clipboard shows the text to copy by hand;
 * - "always show paragraph numbers" shows every ¶ mark and is remembered;
 * - header controls and ¶ anchors are at least 24 × 24 px on every page at
 *   375 and 1280 px (WCAG 2.5.8), and 44 px on phones where there is room;
 * - the theme button's first tap changes the page's background, whatever the system scheme.
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

/** Record what the page writes to the clipboard (window.__copied); `refuse` makes every write fail. */
async function recordClipboard(page: Page, refuse = false): Promise<void> {
  await page.evaluate((refuse) => {
    const w = window as unknown as { __copied: string[] };
    w.__copied = [];
    navigator.clipboard.writeText = async (text: string) => {
      if (refuse) throw new DOMException('denied', 'NotAllowedError');
      w.__copied.push(text);
    };
  }, refuse);
}
const copied = (page: Page) => page.evaluate(() => (window as unknown as { __copied: string[] }).__copied);

describe('clean selection copy', () => {
  it('a selection across paragraphs, a note and a figure copies no anchors or controls', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    const { page, problems } = await watchedPage(context, origin);
    await page.goto(`${origin}/neural-nets/`, { waitUntil: 'load' });
    const result = await page.evaluate(async () => {
      // A read-aloud button as read-aloud.ts adds it (the test browser has no voices, so it adds none itself).
      for (const para of document.querySelectorAll('.text div[data-para-id]')) {
        const b = document.createElement('button');
        b.className = 'para-listen';
        b.innerHTML = '<span aria-hidden="true">▶</span>';
        para.prepend(b);
      }
      // From the middle of a paragraph with an editor's note to the middle of the paragraph after the next figure.
      const note = document.querySelector('.text .editor-note')!;
      /** The first text node under `el` long enough to start or end a selection inside it (terms split segments into short nodes). */
      const textIn = (el: Element): Text => {
        const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) if ((n as Text).length > 4) return n as Text;
        throw new Error(`no text node in ${el.outerHTML.slice(0, 80)}`);
      };
      const start = textIn(note.previousElementSibling!.querySelector('[data-rendition="literal"] [data-seg-id]')!);
      const figure = [...document.querySelectorAll('.text figure')].find((f) => note.compareDocumentPosition(f) & Node.DOCUMENT_POSITION_FOLLOWING)!;
      let after = figure.nextElementSibling!;
      while (!after.matches('div.para')) after = after.nextElementSibling!;
      const endSeg = after.querySelector('[data-rendition="literal"] [data-seg-id]')!;
      const range = document.createRange();
      range.setStart(start, 2);
      const end = textIn(endSeg);
      range.setEnd(end, 4);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      // Strings that must not be copied: the text of every anchor and control inside the selection.
      const chrome = [...document.querySelectorAll('.para-anchor, .para-listen, .note-label, .fig button, .fig label')]
        .filter((el) => range.intersectsNode(el))
        .map((el) => (el.textContent ?? '').trim())
        .filter((t) => t.length > 0);
      const captured: string[] = [];
      const listener = (e: ClipboardEvent) => captured.push(e.clipboardData?.getData('text/plain') || getSelection()!.toString());
      addEventListener('copy', listener);
      document.execCommand('copy');
      removeEventListener('copy', listener);
      return {
        text: captured[0] ?? '',
        chrome,
        first: (start.textContent ?? '').slice(2, 8),
        last: (end.textContent ?? '').slice(0, 4),
        anchorSelect: getComputedStyle(document.querySelector('.para-anchor')!).userSelect,
      };
    });
    expect(result.text.length).toBeGreaterThan(100);
    expect(result.text).toContain(result.first);
    expect(result.text).toContain(result.last);
    expect(result.chrome.length, 'the selection takes in anchors and controls').toBeGreaterThan(3);
    for (const s of result.chrome) expect(result.text, `copied "${s}"`).not.toContain(s);
    expect(result.text).not.toMatch(/¶|▶|复制本段|本段链接|s05-p\d\d|编者注|Editor’s note/);
    // The renditions the view hides are not copied (default view: literal + English, no free Chinese).
    expect(result.anchorSelect).toBe('none');
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });
});

describe('paragraph menu', () => {
  it('copies link, citation and three renditions without moving the page or adding history; Esc closes; refusal shows the text', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce', locale: 'zh-CN' }); // a Chinese browser: Chinese interface messages;
    const { page, problems } = await watchedPage(context, origin);
    await page.goto(`${origin}/neural-nets/`, { waitUntil: 'load' });
    await recordClipboard(page);
    await page.evaluate(() => document.getElementById('s05-p10')!.scrollIntoView({ block: 'center', behavior: 'instant' }));
    await page.waitForTimeout(300);
    const anchor = page.locator('#s05-p10 > a.para-anchor');
    // Focus (the first interaction) loads the reading tools, which make the ¶ a menu button.
    await anchor.focus();
    await expect.poll(() => anchor.getAttribute('aria-haspopup')).toBe('menu');
    expect(await anchor.getAttribute('role')).toBe('button');
    const state = () => page.evaluate(() => ({ y: Math.round(scrollY), history: history.length, url: location.href }));
    const before = await state();

    // Keyboard: Enter on the ¶ opens the menu on its first item, ↓ moves, Enter copies the citation.
    await page.keyboard.press('Enter');
    await page.waitForSelector('[role="menu"]');
    expect(await anchor.getAttribute('aria-expanded')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('menuitem');
    expect(await page.locator('[role="menuitem"]').count()).toBe(3);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => copied(page)).toHaveLength(1);
    const citation = (await copied(page))[0]!;
    expect(citation).toMatch(/^神经网络读本 · Reading Neural Nets, 05\. 神经网络 · 05\. Neural nets, ¶10 \(直译 \+ 英文 · Literal Chinese \+ English\)\. http:\/\/[^ ]+\/neural-nets\/\?r=literal&l=both#s05-p10$/);
    expect(await page.locator('[role="menu"]').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.closest('.para')?.id)).toBe('s05-p10');
    expect(await state()).toEqual(before);

    // Mouse: click the ¶, copy the link.
    await anchor.click();
    await page.locator('[role="menuitem"]').first().click();
    await expect.poll(() => copied(page)).toHaveLength(2);
    expect((await copied(page))[1]).toMatch(/\/neural-nets\/\?r=literal&l=both#s05-p10$/);
    expect(await state()).toEqual(before);

    // All three renditions, labelled, each with the paragraph's text.
    await anchor.click();
    await page.locator('[role="menuitem"]').nth(2).click();
    await expect.poll(() => copied(page)).toHaveLength(3);
    const three = (await copied(page))[2]!.split('\n');
    const texts = await page.evaluate(() => ['literal', 'free', 'en'].map((r) => document.querySelector(`#s05-p10 > [data-rendition="${r}"]`)!.textContent!.replace(/\s+/g, ' ').trim()));
    expect(three[0]).toMatch(/^05 ¶10 \(s05-p10\)/);
    expect(three[1]).toBe(`直译 · Literal Chinese: ${texts[0]}`);
    expect(three[2]).toBe(`意译 · Free Chinese: ${texts[1]}`);
    expect(three[3]).toBe(`英文 · English: ${texts[2]}`);
    expect(await state()).toEqual(before);

    // Esc closes and returns focus to the ¶; ↑ opens on the last item.
    await anchor.focus();
    await page.keyboard.press('ArrowUp');
    await page.waitForSelector('[role="menu"]');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toMatch(/三种译文/);
    await page.keyboard.press('Escape');
    expect(await page.locator('[role="menu"]').count()).toBe(0);
    expect(await anchor.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('para-anchor'))).toBe(true);

    // The clipboard refuses: a message and the text, selected, to copy by hand.
    await recordClipboard(page, true);
    await anchor.click();
    await page.locator('[role="menuitem"]').first().click();
    const panel = page.locator('.copy-by-hand');
    await panel.waitFor();
    expect(await panel.innerText()).toMatch(/无法写入剪贴板/);
    expect(await panel.locator('textarea').inputValue()).toMatch(/#s05-p10$/);
    expect(await page.evaluate(() => {
      const a = document.activeElement as HTMLTextAreaElement;
      return a.tagName === 'TEXTAREA' && a.selectionStart === 0 && a.selectionEnd === a.value.length;
    })).toBe(true);
    await page.keyboard.press('Escape');
    expect(await panel.count()).toBe(0);
    expect(await state()).toEqual(before);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  }, 60_000);
});

describe('paragraph numbers option', () => {
  it('shows every ¶ mark and is remembered across pages and reloads', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${origin}/training/`, { waitUntil: 'load' });
    await page.mouse.move(5, 790);
    const opacities = () => page.$$eval('.para-anchor', (els) => [...new Set(els.map((e) => getComputedStyle(e).opacity))]);
    await expect.poll(opacities).toEqual(['0']);
    const toggle = page.locator('[data-numbers-toggle]');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await page.mouse.move(5, 790);
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(opacities).toEqual(['1']);
    await page.goto(`${origin}/neural-nets/`, { waitUntil: 'domcontentloaded' });
    // Applied before first paint, by the inline script.
    expect(await page.evaluate(() => 'paraNumbers' in document.documentElement.dataset)).toBe(true);
    await page.waitForLoadState('load');
    await page.mouse.move(5, 790);
    await expect.poll(opacities).toEqual(['1']);
    expect(await page.locator('[data-numbers-toggle]').getAttribute('aria-pressed')).toBe('true');
    await page.locator('[data-numbers-toggle]').click();
    await page.reload({ waitUntil: 'load' });
    await page.mouse.move(5, 790);
    await expect.poll(opacities).toEqual(['0']);
    await context.close();
  });
});

describe('touch targets', () => {
  for (const width of [375, 1280]) {
    it(`header controls and ¶ anchors are ≥ 24 × 24 px on every page at ${width}px${width < 500 ? ' (44 px in the header)' : ''}`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 800 }, reducedMotion: 'reduce' });
      const page = await context.newPage();
      const failures: string[] = [];
      for (const path of builtPages()) {
        await page.goto(origin + path, { waitUntil: 'domcontentloaded' });
        // On phones the reading controls live in a popover: open it to measure them.
        if (width < 500) await page.evaluate(() => document.querySelector<HTMLElement>('#reading-controls')?.showPopover?.());
        const sizes = await page.evaluate(() => {
          const targets = [
            ...document.querySelectorAll('.site-header a, .site-header button, .site-header label, .view-fab, #reading-controls label, #reading-controls button, .para-anchor, .jump input, .jump button'),
          ];
          return targets
            .filter((el) => el.getClientRects().length > 0 && !el.closest('.visually-hidden, dialog:not([open])'))
            .map((el) => {
              const r = el.getBoundingClientRect();
              return { what: `${el.tagName.toLowerCase()}.${el.className.toString().split(' ')[0]} "${(el.textContent ?? '').trim().slice(0, 14)}"`, w: r.width, h: r.height, header: !el.matches('.para-anchor, .jump *'), tab: el.matches('.view-fab') };
            });
        });
        expect(sizes.length, `${path}: targets found`).toBeGreaterThan(3);
        for (const s of sizes) {
          const min = width < 500 && s.header ? 44 : 24;
          // The reading-controls tab on a phone sits in the text's right gutter against the window's edge
          // (which stops the finger): 24 px wide (WCAG 2.5.8), 44 px tall.
          const minW = width < 500 && s.tab ? 24 : min;
          if (s.w < minW - 0.5 || s.h < min - 0.5) failures.push(`${path} ${s.what}: ${s.w.toFixed(1)}×${s.h.toFixed(1)} < ${minW}×${min}`);
        }
      }
      expect(failures).toEqual([]);
      await context.close();
    }, 90_000);
  }
});

describe('theme button', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`the first tap changes the background when the system is ${scheme}; three taps come back to the system's`, async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme, reducedMotion: 'reduce' });
      const page = await context.newPage();
      await page.goto(`${origin}/training/`, { waitUntil: 'load' });
      const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const system = await bg();
      const button = page.locator('[data-theme-toggle]');
      await button.click();
      const first = await bg();
      expect(first, 'first tap').not.toBe(system);
      await button.click();
      expect(await bg(), 'second tap').toBe(system);
      await button.click();
      expect(await bg()).toBe(system);
      expect(await button.getAttribute('data-state')).toBe('auto');
      await context.close();
    });
  }
});
