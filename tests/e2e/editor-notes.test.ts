/**
 * Editor's notes in the built pages: one `<aside class="editor-note"
 * role="note">` after each annotated paragraph, outside every rendition and
 * every paragraph element, labelled 编者注 / Editor's note in both languages
 * with `lang`, shown by the language choice like the other bilingual blocks,
 * and never indexed by search as text of the work.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchBrowser, watchedPage } from './browser';
import { loadParts } from '../unit/load-content';
import { readSiteRecords } from '../../scripts/search/extract';
import { partPath } from '../../src/lib/parts';

const origin = inject('origin');
const parts = loadParts();
const annotated = parts.flatMap((part) => part.paragraphs.filter((p) => p.notes.length > 0).map((p) => ({ part: part.part, ...p })));
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
});

describe('editor’s notes', () => {
  it('the content has the three notes the editors asked for', () => {
    expect(annotated.map((p) => p.id)).toEqual(['s00-p01', 's00-p02', 's05-p04']);
  });

  it('each note follows its paragraph, outside every rendition, labelled in both languages with lang', async () => {
    const { page, problems } = await watchedPage(context, origin);
    for (const part of parts) {
      await page.goto(`${origin}${partPath(part.part)}?l=both`);
      const asides = await page.$$eval('aside.editor-note', (els) =>
        els.map((el) => ({
          role: el.getAttribute('role'),
          for: el.getAttribute('data-note-for'),
          prev: el.previousElementSibling?.getAttribute('data-para-id') ?? null,
          inRendition: !!el.closest('[data-rendition]'),
          inPara: !!el.parentElement?.closest('[data-para-id]'),
          blocks: [...el.children].map((b) => ({
            lang: b.getAttribute('lang'),
            label: b.querySelector('.note-label')?.textContent,
            text: [...b.querySelectorAll('p')].map((p) => p.textContent),
            shown: getComputedStyle(b).display !== 'none',
          })),
        })),
      );
      const want = annotated.filter((p) => p.part === part.part);
      expect(asides.map((a) => a.for)).toEqual(want.map((p) => p.id));
      asides.forEach((a, i) => {
        expect(a).toMatchObject({ role: 'note', prev: want[i]!.id, inRendition: false, inPara: false });
        expect(a.blocks.map((b) => [b.lang, b.label, b.shown])).toEqual([
          ['zh-CN', '编者注', true],
          ['en', 'Editor’s note', true],
        ]);
        expect(a.blocks[0]!.text).toEqual(want[i]!.notes.map((n) => n.zh));
        expect(a.blocks[1]!.text).toEqual(want[i]!.notes.map((n) => n.en));
      });
    }
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
    await page.close();
  });

  it('shows only the chosen language in the Chinese and English views', async () => {
    const { page } = await watchedPage(context, origin);
    for (const [l, want] of [['zh', ['zh-CN']], ['en', ['en']]] as const) {
      await page.goto(`${origin}/flac-jpeg/?l=${l}`);
      const shown = await page.$$eval('aside.editor-note > [lang]', (els) => [...new Set(els.filter((e) => getComputedStyle(e).display !== 'none').map((e) => e.getAttribute('lang')))]);
      expect(shown, l).toEqual(want);
    }
    await page.close();
  });

  it('search records hold no note text', async () => {
    const records = await readSiteRecords(process.env.SITE_DIST ?? 'dist');
    expect(records.length).toBeGreaterThan(100);
    for (const p of annotated) {
      for (const n of p.notes) {
        const probe = { zh: n.zh.slice(0, 12), en: n.en.slice(0, 30) };
        expect(records.filter((r) => r.text.includes(probe.zh) || r.text.includes(probe.en)).map((r) => r.para), p.id).toEqual([]);
      }
    }
  });
});
