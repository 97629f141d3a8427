/**
 * Every figure by keyboard alone (WCAG 2.1.1), on every page that has figures:
 * focus is put just before the figure, Tab must land inside it, and walking
 * its tab stops while operating each one by keys (Enter/Space on buttons,
 * arrows on sliders and on focusable plots) must change what a screen reader
 * can read — a live region or the figure's accessible text. Plus the Voronoi
 * figure's limit and clamping, driven the same way.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, watchedPage, type PageProblems } from './browser';

const origin = inject('origin');
const PAGES = ['/flac-jpeg/', '/neural-nets/', '/training/'];

let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  ({ page, problems } = await watchedPage(context, origin));
  // A file picker opened from the keyboard is intercepted (and left unanswered) instead of a native dialog.
  page.on('filechooser', () => {});
});
afterAll(async () => {
  await browser?.close();
});

/** What a screen reader can read in a figure: live regions' text, and every accessible name and value. */
async function readable(figureId: string): Promise<string> {
  return page.evaluate((id) => {
    const fig = document.querySelector(`figure[data-figure-id="${id}"]`)!;
    const live = [...fig.querySelectorAll('[aria-live], [role="status"], [role="alert"], output')].map((e) => (e as HTMLElement).innerText).join(' | ');
    const names = [...fig.querySelectorAll('[aria-label], input, [aria-pressed], [aria-valuenow]')]
      .map((e) => `${e.getAttribute('aria-label') ?? ''}=${(e as HTMLInputElement).value ?? ''}/${e.getAttribute('aria-pressed') ?? ''}/${e.getAttribute('aria-valuenow') ?? ''}`)
      .join(' | ');
    return `${live} || ${names}`;
  }, figureId);
}

/** Put the sequential focus starting point just before the figure (as if the reader had tabbed to it). */
async function focusBefore(figureId: string): Promise<void> {
  await page.evaluate((id) => {
    const fig = document.querySelector<HTMLElement>(`figure[data-figure-id="${id}"]`)!;
    fig.setAttribute('tabindex', '-1');
    fig.focus({ preventScroll: false });
  }, figureId);
}

/** Description of the focused element if it is inside the figure, else null. */
async function focusedIn(figureId: string): Promise<{ tag: string; type: string; role: string; label: string } | null> {
  return page.evaluate((id) => {
    const fig = document.querySelector(`figure[data-figure-id="${id}"]`)!;
    const a = document.activeElement as HTMLElement | null;
    if (!a || a === fig || !fig.contains(a)) return null;
    return { tag: a.tagName.toLowerCase(), type: (a as HTMLInputElement).type ?? '', role: a.getAttribute('role') ?? '', label: a.getAttribute('aria-label') ?? a.innerText?.slice(0, 40) ?? '' };
  }, figureId);
}

/** Operate the focused control by keys, the way its role is operated. */
async function operate(f: { tag: string; type: string; role: string }): Promise<void> {
  if (f.tag === 'input' && (f.type === 'range' || f.type === 'number')) {
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowUp');
  } else if (f.tag === 'input' && f.type === 'checkbox') {
    await page.keyboard.press('Space');
  } else if (f.role === 'application' || f.role === 'slider') {
    for (const key of ['ArrowRight', 'ArrowRight', 'ArrowUp', 'Shift+ArrowLeft', 'Shift+ArrowDown', 'Shift+ArrowDown']) await page.keyboard.press(key);
  } else if (f.tag === 'button' || f.role === 'button') {
    await page.keyboard.press('Enter');
  } else if (f.tag === 'select') {
    await page.keyboard.press('ArrowDown');
  }
  await page.waitForTimeout(60);
}

async function islandFigures(): Promise<string[]> {
  return page.$$eval('figure[data-figure-id]', (figs) => figs.filter((f) => f.querySelector('astro-island')).map((f) => f.getAttribute('data-figure-id')!));
}

async function hydrate(id: string): Promise<void> {
  await page.locator(`figure[data-figure-id="${id}"]`).scrollIntoViewIfNeeded();
  await page.waitForFunction((sel) => document.querySelectorAll(sel + ' astro-island[ssr]').length === 0, `figure[data-figure-id="${id}"]`, { timeout: 30_000 });
  // Let model-driven figures finish loading (their controls are disabled until then).
  await page.waitForFunction(
    (sel) => !document.querySelector(`${sel} [data-state="loading"], ${sel} [data-live="false"]`),
    `figure[data-figure-id="${id}"]`,
    { timeout: 30_000 },
  ).catch(() => {});
}

describe('keyboard-only walk of every figure', () => {
  for (const path of PAGES) {
    it(`${path}: Tab enters every interactive figure, and operating it by keys changes what it says`, async () => {
      await page.goto(`${origin}${path}?l=en`);
      const figures = await islandFigures();
      const failures: string[] = [];
      for (const id of figures) {
        await hydrate(id);
        await focusBefore(id);
        await page.keyboard.press('Tab');
        let f = await focusedIn(id);
        if (!f) {
          failures.push(`${id}: Tab does not enter the figure`);
          continue;
        }
        const before = await readable(id);
        let changed = false;
        for (let stop = 0; stop < 30 && f; stop++) {
          await operate(f);
          if ((await readable(id)) !== before) changed = true;
          // Operating may have moved focus (e.g. a removed element): continue from the figure when it was lost.
          if (!(await focusedIn(id))) break;
          await page.keyboard.press('Tab');
          f = await focusedIn(id);
        }
        if (!changed) failures.push(`${id}: operating every tab stop by keys changed nothing a screen reader can read`);
        // Stop anything started (e.g. live training) so the next figures get the CPU.
        await page.evaluate((fid) => {
          const b = document.querySelector<HTMLButtonElement>(`figure[data-figure-id="${fid}"] [data-action="toggle"][aria-pressed="true"]`);
          b?.click();
        }, id);
      }
      expect(failures).toEqual([]);
      expect(problems.pageErrors).toEqual([]);
    }, 240_000);
  }

  it('the probe figures read out the nearest point for a keyboard-placed probe', async () => {
    await page.goto(`${origin}/neural-nets/?l=en`);
    for (const id of ['nearest-three-points', 'nearest-ideal']) {
      await hydrate(id);
      await focusBefore(id);
      await page.keyboard.press('Tab');
      expect((await focusedIn(id))?.role, id).toBe('application');
      // From the centre: 16 steps right (0.8), 8 up (0.4) → {0.80, 0.40}.
      await page.keyboard.press('ArrowRight');
      for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
      for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowUp');
      const text = await page.locator(`figure[data-figure-id="${id}"] [aria-live]`).first().innerText();
      expect(text, id).toContain('0.80, 0.40');
      expect(text, id).toMatch(/[ABC]/);
    }
  }, 90_000);
});

describe('Voronoi basins by keyboard', () => {
  const FIG = 'figure[data-figure-id="voronoi-basins"]';
  it('adding past 16 shops says the limit and moves nothing; a shop moved to the edge stays whole inside the plane', async () => {
    await page.goto(`${origin}/neural-nets/?l=en`);
    await hydrate('voronoi-basins');
    await page.locator(`${FIG} button[aria-pressed]`).nth(1).click(); // "add a shop" mode
    const plane = page.locator(`${FIG} svg.nf-basins-svg`);
    const count = () => page.locator(`${FIG} [data-shop]`).count();
    const marker = () => page.locator(`${FIG} [data-marker]`).getAttribute('transform');
    // Add shops by clicking empty spots (a grid away from the start shops) until the limit.
    // The plane's box is read before each click: figures elsewhere on the page may still restyle or hydrate
    // and move it (under load, a box read once went stale and clicks missed the plane).
    let box = (await plane.boundingBox())!;
    let k = 0;
    while ((await count()) < 16 && k < 40) {
      box = (await plane.boundingBox())!;
      const x = box.x + box.width * (0.08 + 0.12 * (k % 8));
      const y = box.y + box.height * [0.97, 0.03, 0.6][Math.floor(k / 8) % 3]!;
      await page.mouse.click(x, y);
      k++;
    }
    expect(await count()).toBe(16);
    // Every shop, also those added in the browser, is a tab stop.
    expect(await page.locator(`${FIG} [data-shop]`).evaluateAll((gs) => gs.filter((g) => (g as SVGGElement).tabIndex === 0).length)).toBe(16);
    const markerBefore = await marker();
    box = (await plane.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.375);
    expect(await count()).toBe(16);
    expect(await marker()).toBe(markerBefore);
    expect(await page.locator(`${FIG} .nf-readout`).innerText()).toMatch(/16 shops is the limit/);

    // Drag the first shop far outside the plane (down-left): it must stay whole inside the drawing.
    const shop = page.locator(`${FIG} [data-shop] .nf-point`).first();
    const sb = (await shop.boundingBox())!;
    await page.mouse.move(sb.x + sb.width / 2, sb.y + sb.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x - 200, box.y + box.height + 200, { steps: 5 });
    await page.mouse.up();
    const inside = await page.evaluate((sel) => {
      const svg = document.querySelector(`${sel} svg.nf-basins-svg`)!.getBoundingClientRect();
      const c = document.querySelector(`${sel} [data-shop] .nf-point`)!.getBoundingClientRect();
      return { left: c.left - svg.left, bottom: svg.bottom - c.bottom, w: c.width };
    }, FIG);
    expect(inside.left).toBeGreaterThanOrEqual(0);
    expect(inside.bottom).toBeGreaterThanOrEqual(0);
  }, 90_000);
});
