/**
 * Layout shift on load (Cumulative Layout Shift as Lighthouse scores it): on
 * every built page, at a phone (390×844) and a laptop (1280×800) viewport, the
 * sum of the `layout-shift` entries without recent input, from navigation until
 * the network is idle (and a short settle after), stays ≤ {@link MAX_SHIFT}.
 * A failure names the elements that moved (the entries' `sources`), so the
 * cause can be found: an element shown or filled by a script after first paint
 * without its space reserved, an image without width/height, late CSS.
 *
 * Cost: one fresh context per page and viewport (a first-time visitor, service
 * worker blocked as in every e2e test), one `page.evaluate` per load.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { builtPages } from './built-pages';

const origin = inject('origin');
// The search page also with a query: its results arrive after first paint (the results list's
// first layout once shifted the groups below the first results at 390 px; see results.css).
const pages = [...builtPages(), '/search/?q=weight'];
/** Largest sum of layout-shift scores allowed (unitless; Lighthouse's "good" CLS is ≤ 0.1). */
const MAX_SHIFT = 0.01;
/** Wait after network idle for late script work (timers, idle callbacks), ms. */
const SETTLE_MS = 500;
// Phone size without Playwright's `isMobile` emulation: with it, this Chromium painted /models/ only
// after its late "save figures" section had appeared, and the shift Lighthouse (mobile) saw went unseen.
const VIEWPORTS = [
  { width: 390, height: 844, deviceScaleFactor: 3 },
  { width: 1280, height: 800, deviceScaleFactor: 1 },
];
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** What one load shifted: the score sum (without recent input) and a line per entry naming its sources. */
interface ShiftReport {
  sum: number;
  entries: string[];
}

describe('layout shift on load', () => {
  for (const vp of VIEWPORTS) {
    for (const path of pages) {
      it(`${path} at ${vp.width}×${vp.height}: shifts ≤ ${MAX_SHIFT}`, async () => {
        const { width, height, ...device } = vp;
        const context = await browser.newContext({ viewport: { width, height }, ...device });
        try {
          const page = await context.newPage();
          await page.addInitScript(() => {
            const w = window as unknown as { __shifts: { value: number; input: boolean; sources: string[] }[] };
            w.__shifts = [];
            const name = (n: Node | null): string => {
              if (!n) return '(gone)';
              if (!(n instanceof Element)) return `#text "${(n.textContent ?? '').trim().slice(0, 30)}" in ${name(n.parentElement)}`;
              const cls = typeof n.className === 'string' && n.className ? `.${n.className.trim().split(/\s+/).join('.')}` : '';
              return `${n.localName}${n.id ? `#${n.id}` : ''}${cls}`;
            };
            new PerformanceObserver((list) => {
              for (const e of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources?: { node: Node | null }[] }[]) {
                w.__shifts.push({ value: e.value, input: e.hadRecentInput, sources: (e.sources ?? []).map((s) => name(s.node)) });
              }
            }).observe({ type: 'layout-shift', buffered: true });
          });
          await page.goto(origin + path, { waitUntil: 'networkidle' });
          await page.waitForTimeout(SETTLE_MS);
          const report = await page.evaluate((): ShiftReport => {
            const shifts = (window as unknown as { __shifts: { value: number; input: boolean; sources: string[] }[] }).__shifts;
            return {
              sum: shifts.filter((s) => !s.input).reduce((a, s) => a + s.value, 0),
              entries: shifts.map((s) => `${s.value.toFixed(4)}${s.input ? ' (after input)' : ''}: ${s.sources.join(', ')}`),
            };
          });
          expect(report.sum, `${path} at ${width}×${height} shifted:\n${report.entries.join('\n')}`).toBeLessThanOrEqual(MAX_SHIFT);
        } finally {
          await context.close();
        }
      });
    }
  }
});
