/**
 * Printing a page (Kind 6): light colours whatever the screen theme, no
 * header/search/reading controls, paragraph ids as margin marks, figures kept
 * with their captions, link addresses printed — checked in the print media's
 * computed styles on every page, and in a real PDF (`page.pdf`) of a part
 * page, read back with poppler's `pdftotext` when it is installed
 * (`apt-get install -y poppler-utils`).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser } from './browser';
import { builtPages } from './built-pages';

const origin = inject('origin');
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  // The reader chose the dark theme on screen (stored, as the theme button does) and the system is dark too.
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' });
  await context.addInitScript(() => {
    try {
      localStorage.setItem('reader-theme', 'dark');
    } catch {
      /* ignore */
    }
  });
});
afterAll(async () => {
  await browser?.close();
});

/** WCAG relative luminance contrast of two `rgb(…)` strings (alpha ignored). */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = c.match(/[\d.]+/g)!.slice(0, 3).map((v) => {
      const x = Number(v) / 255;
      return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('print', () => {
  it('every page prints dark text on white, without the site controls', async () => {
    const page = await context.newPage();
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    const failures: string[] = [];
    for (const path of builtPages()) {
      await page.goto(origin + path, { waitUntil: 'load' });
      const s = await page.evaluate(() => {
        const shown = (el: Element | null) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
        const bg = (el: Element) => getComputedStyle(el).backgroundColor;
        const texts = [...document.querySelectorAll('main p, main li, main h1, main h2, main figcaption, main dd, main td')]
          .filter((e) => shown(e) && e.textContent!.trim())
          .slice(0, 200)
          .map((e) => getComputedStyle(e).color);
        return {
          theme: document.documentElement.dataset.theme ?? '',
          bodyBg: bg(document.body),
          htmlBg: bg(document.documentElement),
          texts,
          controls: ['.site-header', '[data-reading-controls]', '.search-open', '.search-link', '.theme-toggle', '.page-toc', '.part-nav']
            .filter((sel) => [...document.querySelectorAll(sel)].some(shown)),
        };
      });
      const paper = 'rgb(255, 255, 255)';
      if (s.bodyBg !== paper && s.bodyBg !== 'rgba(0, 0, 0, 0)') failures.push(`${path}: body background ${s.bodyBg}`);
      if (s.htmlBg !== paper && s.htmlBg !== 'rgba(0, 0, 0, 0)') failures.push(`${path}: page background ${s.htmlBg}`);
      const worst = Math.min(...s.texts.map((c) => contrast(c, paper)));
      if (worst < 4.5) failures.push(`${path}: text contrast on white down to ${worst.toFixed(2)}:1 (theme ${s.theme})`);
      if (s.controls.length) failures.push(`${path}: prints ${s.controls.join(', ')}`);
    }
    await page.close();
    expect(failures).toEqual([]);
  });

  it('a term tooltip or paragraph menu left open on screen is not printed', async () => {
    const page = await context.newPage();
    await page.goto(`${origin}/neural-nets/`, { waitUntil: 'load' });
    await page.locator('#s05-p02 .term').first().hover();
    await page.waitForSelector('.term-tip', { state: 'visible' });
    await page.locator('#s05-p03 > a.para-anchor').click();
    await page.waitForSelector('.para-menu', { state: 'visible' });
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    const shown = await page.evaluate(() =>
      ['.term-tip', '.para-menu'].filter((sel) => [...document.querySelectorAll(sel)].some((el) => el.getClientRects().length > 0)),
    );
    expect(shown).toEqual([]);
    await page.close();
  });

  it('a part page prints paragraph ids, whole figures with captions, and link addresses; the PDF has no control labels', async () => {
    const page = await context.newPage();
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    await page.goto(`${origin}/training/`, { waitUntil: 'load' });
    const s = await page.evaluate(() => {
      const para = document.querySelector('.para[data-para-id]:not(.para-caption)')!;
      const fig = document.querySelector('figure.fig')!;
      const cap = fig.querySelector('figcaption')!;
      const link = [...document.querySelectorAll<HTMLAnchorElement>('main a[href]')].find((a) => !a.getAttribute('href')!.startsWith('#'));
      return {
        id: para.getAttribute('data-para-id'),
        mark: getComputedStyle(para, '::before').content,
        figBreak: getComputedStyle(fig).breakInside,
        capBreak: getComputedStyle(cap).breakBefore,
        link: link ? [link.getAttribute('href'), getComputedStyle(link, '::after').content] : null,
        // Labels of the header's controls that the page's own text does not also contain.
        controlLabels: [...document.querySelectorAll('[data-reading-controls] label, .search-open-label span, .nav a')]
          .map((l) => l.textContent!.trim())
          .filter((l) => l && !document.querySelector('main')!.textContent!.includes(l)),
      };
    });
    expect(s.mark).toBe(`"${s.id}"`);
    expect(s.figBreak).toBe('avoid');
    expect(s.capBreak).toBe('avoid');
    expect(s.link).not.toBeNull();
    expect(s.link![1]).toContain(s.link![0]!);

    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await page.close();
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.byteLength).toBeGreaterThan(20_000);
    let text: string;
    try {
      const dir = mkdtempSync(join(tmpdir(), 'print-'));
      writeFileSync(join(dir, 'page.pdf'), pdf);
      text = execFileSync('pdftotext', ['-layout', join(dir, 'page.pdf'), '-'], { encoding: 'utf8' });
    } catch {
      console.warn('pdftotext not installed (apt-get install -y poppler-utils): PDF text not checked');
      return;
    }
    const firstPage = text.split('\f')[0]!;
    // Page 1 starts with the part, not with the header's controls.
    expect(s.controlLabels.length).toBeGreaterThan(2);
    for (const label of s.controlLabels) expect(firstPage, `control label "${label}" printed`).not.toContain(label);
    expect(text).toContain(s.id!);
  }, 120_000);
});
