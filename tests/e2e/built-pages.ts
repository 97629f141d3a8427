/**
 * Helpers shared by the e2e tests that run on every built page and in every
 * reading view: the list of pages in `dist/` and the view modes the site
 * defines (read from src/lib/view-state.ts, so a new mode is tested as soon
 * as it exists).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';

const DIST = process.env.SITE_DIST ?? 'dist';

/** URL paths of every HTML page in dist/ (e.g. `/`, `/neural-nets/`, `/404.html`), sorted. */
export function builtPages(dir = DIST): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== '_astro' && name !== 'pagefind' && name !== 'tfjs') out.push(...builtPages(p));
    } else if (name.endsWith('.html')) {
      const rel = '/' + relative(DIST, p).replace(/\\/g, '/');
      out.push(rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel);
    }
  }
  return out.sort();
}

/** The string-literal members of `export type <name> = 'a' | 'b' …` in view-state.ts. */
function unionMembers(source: string, name: string): string[] {
  const m = new RegExp(`export type ${name}\\s*=([^;]+);`).exec(source);
  if (!m) throw new Error(`src/lib/view-state.ts no longer declares type ${name}: update tests/e2e/built-pages.ts`);
  return [...m[1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!);
}

/** One reading view as query parameters, e.g. `{ r: 'free', l: 'both' }`. */
export type ViewParams = Record<string, string>;

/**
 * Every reading view the site defines: each Chinese rendition (`ZhRendition`)
 * × each language mode (`LangMode`) of src/lib/view-state.ts. A language mode
 * without Chinese (`en`) is listed once.
 */
export function viewModes(): ViewParams[] {
  const src = readFileSync('src/lib/view-state.ts', 'utf8');
  const rs = unionMembers(src, 'ZhRendition');
  const ls = unionMembers(src, 'LangMode');
  const out: ViewParams[] = [];
  for (const l of ls) for (const r of l === 'en' ? [rs[0]!] : rs) out.push({ r, l });
  return out;
}

/**
 * Scroll from top to bottom in steps of 80 % of the window (at least 400 px), 80 ms apart, so every
 * `client:visible` island hydrates; then back to the top, and wait until the network is idle and no
 * island is left unhydrated (at most 8 s; a figure that never hydrates is for its own test to report).
 * @param page a page showing a built page
 */
export async function hydrateAll(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const step = Math.max(400, Math.round(innerHeight * 0.8));
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 80));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForFunction(() => document.querySelectorAll('astro-island[ssr]').length === 0, undefined, { timeout: 8_000 }).catch(() => {});
}

/**
 * Apply a reading view in place through the reading controls' radio buttons, as a reader does.
 * @param page a page showing a reading page
 * @param view the view, e.g. `{ r: 'free', l: 'en' }`
 * @returns false when one of the values has no radio button on this page (nothing is clicked then)
 */
export function applyView(page: Page, view: ViewParams): Promise<boolean> {
  return page.evaluate((v) => {
    const radios = Object.entries(v).map(([k, val]) => document.querySelector<HTMLInputElement>(`input[type=radio][name="view-${k}"][value="${val}"]`));
    if (radios.some((r) => !r)) return false;
    for (const r of radios) if (!r!.checked) r!.click();
    return true;
  }, view);
}
