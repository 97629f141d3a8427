/**
 * Read aloud in Chromium with a stubbed `speechSynthesis` (headless Chromium
 * has no voices): the stub records every utterance (text, lang, rate) and
 * fires `end` when the test says so, so the order of segments, the language,
 * the highlighting and pause/stop/pagehide are asserted, not assumed.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, watchedPage } from './browser';
import { loadParts } from '../unit/load-content';

const origin = inject('origin');
const parts = loadParts();
let browser: Browser;

/** Installs a fake speechSynthesis before any page script runs. `voices` are the languages the fake has. */
function stubSpeech(voices: string[]): string {
  return `(() => {
    const voices = ${JSON.stringify(voices)}.map((lang) => ({ lang, name: 'fake ' + lang, default: false, localService: true, voiceURI: lang }));
    const log = [];
    let current = null;
    const listeners = {};
    class FakeUtterance {
      constructor(text) { this.text = text; this.lang = ''; this.rate = 1; this.voice = null; this.onend = null; this.onerror = null; }
    }
    const synth = {
      speaking: false, paused: false,
      speak(u) { log.push({ op: 'speak', text: u.text, lang: u.lang, rate: u.rate, voice: u.voice && u.voice.lang }); current = u; this.speaking = true; },
      cancel() { log.push({ op: 'cancel' }); const u = current; current = null; this.speaking = false; if (u && u.onerror) u.onerror({ error: 'interrupted' }); },
      pause() { log.push({ op: 'pause' }); this.paused = true; },
      resume() { log.push({ op: 'resume' }); this.paused = false; },
      getVoices() { return voices; },
      addEventListener(t, f) { (listeners[t] ||= []).push(f); },
      removeEventListener() {},
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: FakeUtterance, configurable: true });
    window.__speech = {
      log,
      /** Finish the current utterance, as the engine does at its end. */
      end() { const u = current; current = null; if (u && u.onend) u.onend({}); },
    };
  })();`;
}

async function newPage(ctx: BrowserContext, path: string): Promise<Page> {
  const { page, problems } = await watchedPage(ctx, origin);
  await page.goto(`${origin}${path}`);
  expect(problems.pageErrors).toEqual([]);
  return page;
}

const spoken = (page: Page) =>
  page.evaluate(() => (window as unknown as { __speech: { log: Array<{ op: string; text?: string; lang?: string; rate?: number }> } }).__speech.log.filter((e) => e.op === 'speak'));
const endCurrent = (page: Page) => page.evaluate(() => (window as unknown as { __speech: { end(): void } }).__speech.end());
const readingSeg = (page: Page) => page.$$eval('.seg-reading', (els) => els.map((e) => [e.closest('[data-rendition]')!.getAttribute('data-rendition'), e.getAttribute('data-seg-id')]));

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('read aloud', () => {
  // A paragraph with several segments (the content is segmented per sentence).
  const s05 = parts.find((p) => p.part === 's05')!;
  const para = s05.paragraphs.find((p) => p.kind === 'text' && p.segments.length >= 3)!;

  it('reads from a paragraph on, segment by segment, in the visible Chinese rendition, highlighting each; Esc stops; the end of the part finishes', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await ctx.addInitScript(stubSpeech(['zh-CN', 'en-US']));
    const page = await newPage(ctx, '/neural-nets/?r=free&l=zh');
    await expect.poll(() => page.locator('read-aloud').isVisible()).toBe(true);
    await page.locator(`#${para.id}`).hover();
    const barTop = await page.locator('read-aloud').evaluate((e) => e.getBoundingClientRect().top + scrollY);
    const paraTop = await page.locator(`#${para.id}`).evaluate((e) => e.getBoundingClientRect().top + scrollY);
    await page.locator(`#${para.id} .para-listen`).click();
    // The bar floats while reading; its place is held, so the text below it does not move.
    expect(await page.locator(`#${para.id}`).evaluate((e) => e.getBoundingClientRect().top + scrollY)).toBeCloseTo(paraTop, 0);
    expect(await page.locator('read-aloud').evaluate((e) => e.getBoundingClientRect().top + scrollY)).toBeCloseTo(barTop, 0);
    const expected = para.segments.map((s) => s.free);
    for (let k = 0; k < expected.length; k++) {
      const log = await spoken(page);
      expect(log.map((e) => e.text)).toEqual(expected.slice(0, k + 1));
      expect(log.every((e) => e.lang === 'zh-CN')).toBe(true);
      expect(await readingSeg(page)).toEqual([['free', para.segments[k]!.id]]);
      await endCurrent(page);
    }
    // …and goes on into the next text paragraph.
    const next = s05.paragraphs.slice(s05.paragraphs.indexOf(para) + 1).find((p) => p.kind === 'text')!;
    expect((await spoken(page)).at(-1)!.text).toBe(next.segments[0]!.free);
    expect(await readingSeg(page)).toEqual([['free', next.segments[0]!.id]]);
    await page.keyboard.press('Escape');
    expect(await readingSeg(page)).toEqual([]);
    await expect.poll(() => page.locator('[data-ra="status"]').textContent()).toContain('已停止');
    // From the last paragraph, reading ends with the part.
    const last = s05.paragraphs.filter((p) => p.kind === 'text').at(-1)!;
    await page.locator(`#${last.id}`).scrollIntoViewIfNeeded();
    await page.locator(`#${last.id}`).hover();
    await page.locator(`#${last.id} .para-listen`).click();
    for (let k = 0; k < last.segments.length; k++) await endCurrent(page);
    await expect.poll(() => page.locator('[data-ra="status"]').textContent()).toContain('朗读结束');
    await ctx.close();
  });

  it('reads English at the chosen speed; pause, resume and stop drive the engine; pagehide stops', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await ctx.addInitScript(stubSpeech(['zh-CN', 'en-US']));
    const page = await newPage(ctx, '/neural-nets/?l=en');
    await expect.poll(() => page.locator('read-aloud').isVisible()).toBe(true);
    // Only English is visible, so the rendition choice is not offered.
    expect(await page.locator('[data-ra="rendition"]').isVisible()).toBe(false);
    await page.locator('[data-ra="rate"]').fill('1.5');
    await page.evaluate((id) => document.getElementById(id)!.scrollIntoView({ block: 'start' }), para.id);
    await page.locator('[data-ra="play"]').click();
    let log = await spoken(page);
    expect(log).toHaveLength(1);
    expect(log[0]!.lang).toBe('en');
    expect(log[0]!.rate).toBe(1.5);
    // "Read from the start" starts at the part's first sentence.
    expect(await readingSeg(page)).toEqual([['en', s05.paragraphs[0]!.segments[0]!.id]]);
    await endCurrent(page);
    // Continues into the next segment (and across paragraphs).
    expect((await spoken(page)).length).toBe(2);
    await page.locator('[data-ra="pause"]').click();
    expect(await page.locator('[data-ra="pause"]').getAttribute('aria-pressed')).toBe('true');
    await page.locator('[data-ra="pause"]').click();
    await page.locator('[data-ra="stop"]').click();
    const ops = (await page.evaluate(() => (window as unknown as { __speech: { log: Array<{ op: string }> } }).__speech.log.map((e) => e.op))).filter((o) => o !== 'speak');
    // play() cancels anything before it; then pause, resume, and stop's cancel, in that order.
    expect(ops.slice(-3)).toEqual(['pause', 'resume', 'cancel']);
    expect(await readingSeg(page)).toEqual([]);
    // A late end event after stop does not advance.
    await endCurrent(page);
    log = await spoken(page);
    expect(log).toHaveLength(2);
    // Start again, then leave the page: reading stops.
    await page.locator('[data-ra="play"]').click();
    const before = (await page.evaluate(() => (window as unknown as { __speech: { log: Array<{ op: string }> } }).__speech.log.length));
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })));
    const after = await page.evaluate(() => (window as unknown as { __speech: { log: Array<{ op: string }> } }).__speech.log.slice(-1)[0]!.op);
    expect(after).toBe('cancel');
    expect(await page.evaluate(() => (window as unknown as { __speech: { log: unknown[] } }).__speech.log.length)).toBeGreaterThan(before);
    await ctx.close();
  });

  it('switching the view away from the rendition being read stops the reading', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await ctx.addInitScript(stubSpeech(['zh-CN', 'en-US']));
    const page = await newPage(ctx, '/neural-nets/?r=literal&l=both');
    await expect.poll(() => page.locator('read-aloud').isVisible()).toBe(true);
    // Both languages visible: the reader chooses which one is read.
    await page.locator('[data-ra="rendition"]').selectOption('literal');
    await page.locator(`#${para.id}`).hover();
    await page.locator(`#${para.id} .para-listen`).click();
    expect(await readingSeg(page)).toEqual([['literal', para.segments[0]!.id]]);
    await page.evaluate(() => (document.documentElement.dataset.l = 'en'));
    await expect.poll(() => readingSeg(page)).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __speech: { log: Array<{ op: string }> } }).__speech.log.at(-1)!.op)).toBe('cancel');
    await ctx.close();
  });

  it('does not scroll the page when the segment being read is already on screen (the part-top bar scrolled away)', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await ctx.addInitScript(stubSpeech(['zh-CN', 'en-US']));
    const page = await newPage(ctx, '/neural-nets/?l=en');
    // A paragraph well down the part, so its bar's place under the part title is far above it.
    const later = s05.paragraphs.filter((p) => p.kind === 'text')[10]!;
    await expect.poll(() => page.locator('read-aloud').isVisible()).toBe(true);
    // That paragraph mid-screen: the bar's place is then above the viewport.
    await page.evaluate((id) => document.getElementById(id)!.scrollIntoView({ block: 'center', behavior: 'instant' }), later.id);
    // Figures near the new place fetch their own CSS (issue 12) and may change height, the page keeping the
    // paragraph in place: let that settle before measuring.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.waitForFunction(() => [...document.querySelectorAll<HTMLElement>('style[data-fig-css]')].every((s) => s.dataset.loaded !== undefined));
    const before = await page.evaluate(() => scrollY);
    expect(await page.locator('read-aloud').evaluate((el) => el.getBoundingClientRect().bottom)).toBeLessThan(0);
    await page.locator(`#${later.id} .para-listen`).evaluate((b) => (b as HTMLElement).click());
    expect(await readingSeg(page)).toEqual([['en', later.segments[0]!.id]]);
    await page.waitForTimeout(600); // a smooth scroll would have moved by now
    expect(await page.evaluate(() => scrollY)).toBe(before);
    await ctx.close();
  });

  it('is hidden when the browser has no voice for what is shown', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await ctx.addInitScript(stubSpeech(['fr-FR']));
    const page = await newPage(ctx, '/training/?l=both');
    await page.waitForTimeout(200);
    expect(await page.locator('read-aloud').isVisible()).toBe(false);
    expect(await page.locator('.para-listen:visible').count()).toBe(0);
    await ctx.close();
    const ctx2 = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await ctx2.addInitScript(stubSpeech(['en-US']));
    const page2 = await newPage(ctx2, '/training/?l=zh');
    await page2.waitForTimeout(200);
    expect(await page2.locator('read-aloud').isVisible()).toBe(false); // Chinese shown, only an English voice
    await page2.evaluate(() => (document.documentElement.dataset.l = 'en'));
    await expect.poll(() => page2.locator('read-aloud').isVisible()).toBe(true);
    await ctx2.close();
  });

  it('the controls work by keyboard: each paragraph play button is a labelled button in the tab order, shown on focus, and Enter starts it', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await ctx.addInitScript(stubSpeech(['zh-CN', 'en-US']));
    const page = await newPage(ctx, '/training/?r=literal&l=zh');
    await expect.poll(() => page.locator('read-aloud').isVisible()).toBe(true);
    const btn = page.locator('.text div[data-para-id] .para-listen').first();
    expect(await btn.evaluate((b) => b.tagName === 'BUTTON' && b.tabIndex === 0)).toBe(true);
    await btn.focus();
    await expect.poll(() => btn.evaluate((b) => getComputedStyle(b).opacity)).toBe('1');
    expect(await btn.getAttribute('aria-label')).toMatch(/从本段开始朗读|Read aloud from this paragraph/);
    await page.keyboard.press('Enter');
    expect((await spoken(page)).length).toBe(1);
    expect(await btn.getAttribute('aria-pressed')).toBe('true');
    await ctx.close();
  });
});
