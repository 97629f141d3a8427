/**
 * The header's search and theme controls:
 * - with the search dialog open, the wheel over the dimmed backdrop does not
 *   scroll the page behind, and closing the dialog (Esc) leaves the reader
 *   exactly where they were — on a desktop (sticky header) and a phone
 *   (header at the top of the page);
 * - without JavaScript, search is a working link to /search/ and the theme
 *   button (which needs JavaScript) is not offered.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
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

describe('search dialog keeps the page behind still', () => {
  for (const width of [1280, 375]) {
    it(`wheel over the backdrop and Esc do not move the page (${width}px)`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 800 }, reducedMotion: 'reduce' });
      const { page, problems } = await watchedPage(context, origin);
      await page.goto(`${origin}/neural-nets/`, { waitUntil: 'load' });
      // The reader scrolls down to read (as a reader does: with the wheel).
      await page.mouse.move(width / 2, 400);
      for (let i = 0; i < 10; i++) await page.mouse.wheel(0, 900);
      // Let the figures in view hydrate and take their size first (the page's height stays the same for 1.5 s).
      await page.evaluate(async () => {
        let last = -1;
        let same = 0;
        for (let i = 0; i < 80 && same < 6; i++) {
          await new Promise((r) => setTimeout(r, 250));
          const h = document.documentElement.scrollHeight;
          same = h === last ? same + 1 : 0;
          last = h;
        }
      });
      // What the reader sees: the top of the first paragraph or figure on screen (figures that load meanwhile
      // may change scrollY through scroll anchoring, which keeps this still).
      const para = await page.evaluate(() => [...document.querySelectorAll('.para[id], figure[id]')].find((p) => p.getBoundingClientRect().bottom > 0)!.id);
      const top = () => page.evaluate((id) => Math.round(document.getElementById(id)!.getBoundingClientRect().top), para);
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
      const before = await top();
      await page.keyboard.press('/');
      await page.waitForFunction(() => document.querySelector<HTMLDialogElement>('.search-dialog')?.open === true);
      // A point outside the dialog's frame (the backdrop) on a desktop; on a phone the dialog covers the screen.
      const box = (await page.locator('.search-dialog').boundingBox())!;
      const x = box.x > 40 ? box.x / 2 : box.x + box.width / 2;
      await page.mouse.move(x, 700);
      for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 800);
      await page.waitForTimeout(300);
      const during = await top();
      await page.keyboard.press('Escape');
      await page.waitForFunction(() => document.querySelector<HTMLDialogElement>('.search-dialog')?.open === false);
      await page.waitForTimeout(200);
      const after = await top();
      expect(Math.abs(during - before), `moved while open (${before} → ${during}px)`).toBeLessThanOrEqual(2);
      expect(Math.abs(after - before), `moved after Esc (${before} → ${after}px)`).toBeLessThanOrEqual(2);
      expect(problems.pageErrors).toEqual([]);
      await context.close();
    });
  }
});

describe('without JavaScript', () => {
  it('every page offers search as a link to /search/ and no dead theme button', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, javaScriptEnabled: false });
    const page = await context.newPage();
    const failures: string[] = [];
    for (const path of builtPages()) {
      await page.goto(origin + path, { waitUntil: 'load' });
      const state = await page.evaluate(() => {
        const shown = (el: Element) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
        };
        const header = document.querySelector('header')!;
        return {
          deadButtons: [...header.querySelectorAll('button')].filter(shown).map((b) => b.className || b.textContent!.trim()),
          searchLinks: [...header.querySelectorAll<HTMLAnchorElement>('a[href]')].filter((a) => shown(a) && new URL(a.href).pathname === '/search/').length,
        };
      });
      if (state.deadButtons.length) failures.push(`${path}: buttons that need JavaScript are shown: ${state.deadButtons.join(', ')}`);
      if (path !== '/search/' && state.searchLinks !== 1) failures.push(`${path}: ${state.searchLinks} visible search links in the header`);
    }
    expect(failures).toEqual([]);
    // The link leads to a search form that works without JavaScript (it submits ?q=).
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    await page.locator('header a[href="/search/"]').click();
    await page.waitForURL(/\/search\/$/);
    expect(await page.locator('form[action="/search/"] input[name="q"]').count()).toBeGreaterThan(0);
    await context.close();
  });
});
