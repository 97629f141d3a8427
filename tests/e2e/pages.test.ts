/**
 * Every built page: loads without console errors or requests to another
 * origin, and axe-core (WCAG 2.2 A/AA rules) finds no serious or critical
 * violation, in the light and the dark theme, on a desktop and a phone.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { builtPages } from './built-pages';
import { createRequire } from 'node:module';
import type { Browser } from 'playwright-core';
import { launchBrowser, watchedPage } from './browser';

const origin = inject('origin');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const pages = builtPages();
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('every page', () => {
  it('the site has the pages the reader expects', () => {
    for (const p of ['/', '/flac-jpeg/', '/neural-nets/', '/training/', '/glossary/', '/models/', '/search/', '/404.html']) expect(pages).toContain(p);
  });

  for (const [theme, width] of [
    ['light', 1280],
    ['dark', 390],
  ] as const) {
    for (const path of pages) {
      it(`${path} loads cleanly and passes axe (${theme}, ${width}px)`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme });
        const failures: string[] = [];
        const { page, problems } = await watchedPage(context, origin);
        await page.goto(origin + path, { waitUntil: 'load' });
        // Evaluated through DevTools, not as an inline <script>: the page's CSP rightly refuses unhashed inline code.
        await page.evaluate(axeSource);
        const violations = await page.evaluate(async () => {
          // @ts-expect-error axe is injected above
          const result = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
          return (result.violations as Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>)
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id} (${v.impact}) at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
        });
        failures.push(...violations);
        failures.push(...problems.consoleErrors, ...problems.pageErrors);
        failures.push(...problems.foreignRequests.map((r) => `request to another origin: ${r}`));
        await context.close();
        expect(failures).toEqual([]);
      }, 120_000);
    }
  }
});
