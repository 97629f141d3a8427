/**
 * Drives the real search UI in a browser page, for the search benchmark
 * (scripts/bench/search.ts) and the e2e tests (tests/e2e/search.test.ts).
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';

/** What one query showed. */
export interface QueryRun {
  /** Keystroke (input event) to the first screenful of results rendered and the next frame started, in ms. */
  ms: number;
  /** Keystroke to the whole list rendered (long lists are appended in batches after the first screenful), in ms. */
  msAll: number;
  /** `<para>/<rendition>` of every paragraph rendition that holds the query (a result lists them all), in order. */
  keys: string[];
  /** Paragraph id of each result (one result per paragraph), in order. */
  paras: string[];
  /** Glossary entries offered (term ids). */
  terms: string[];
  /** The status line's text. */
  status: string;
  /** Result links (href) in order. */
  hrefs: string[];
  /** Elements in the results that search never writes (injected markup). */
  foreignElements: number;
}

/** Elements the results list is made of; anything else in it was injected. */
const OWN_TAGS = ['SECTION', 'H3', 'UL', 'LI', 'A', 'SPAN', 'MARK'];

/**
 * Type a query into a search panel (one input event, as a keystroke makes)
 * and wait for the rendered results.
 * @param page a page showing a search panel
 * @param q the query
 * @param scope selector of the panel's container (`[data-search-page]` or `dialog.search-dialog`)
 */
/**
 * The in-page half of {@link runQuery}, as source text: tsx (esbuild) wraps
 * named functions in a helper that does not exist in the page, so this is not
 * written as a function that would be serialised.
 */
const RUN_IN_PAGE = `async ({ q, scope, own }) => {
  const root = document.querySelector(scope);
  const input = root.querySelector('.sr-input');
  const results = root.querySelector('[data-search-results]');
  const status = root.querySelector('.sr-status');
  const frame = () => new Promise((r) => requestAnimationFrame(() => r(null)));
  const when = (type) => new Promise((resolve) => {
    results.addEventListener(type, function listener(e) {
      if (e.detail.typed !== q) return;
      results.removeEventListener(type, listener);
      resolve();
    });
  });
  const rendered = when('search:rendered').then(frame).then(() => performance.now());
  const complete = when('search:complete').then(frame).then(() => performance.now());
  const t0 = performance.now();
  input.value = q;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  const ms = (await rendered) - t0;
  const msAll = (await complete) - t0;
  const links = [...results.querySelectorAll('a.sr-link')];
  return {
    ms,
    msAll,
    keys: links.filter((a) => a.dataset.resultPara).flatMap((a) =>
      (a.dataset.resultRenditions || a.dataset.resultRendition).split(' ').map((r) => a.dataset.resultPara + '/' + r)),
    paras: links.filter((a) => a.dataset.resultPara).map((a) => a.dataset.resultPara),
    terms: links.filter((a) => a.dataset.term).map((a) => a.dataset.term),
    hrefs: links.map((a) => a.getAttribute('href') || ''),
    status: (status.innerText || status.textContent || '').trim(),
    foreignElements: [...results.querySelectorAll('*')].filter((el) => !own.includes(el.tagName)).length,
  };
}`;

/**
 * Type a query into a search panel (one input event, as a keystroke makes)
 * and wait for the rendered results.
 * @param page a page showing a search panel
 * @param q the query
 * @param scope selector of the panel's container (`[data-search-page]` or `dialog.search-dialog`)
 */
export async function runQuery(page: Page, q: string, scope = '[data-search-page]'): Promise<QueryRun> {
  return (await runQueries(page, [q], scope))[0]!;
}

/**
 * Run queries one after another inside the page (one round trip for all).
 * @param page a page showing a search panel
 * @param qs the queries
 * @param scope selector of the panel's container
 * @param pauseMs idle time before each query (a reader's pause between keystrokes)
 */
export async function runQueries(page: Page, qs: readonly string[], scope = '[data-search-page]', pauseMs = 0): Promise<QueryRun[]> {
  const fn = await page.evaluateHandle(`(${RUN_IN_PAGE})`);
  try {
    return (await fn.evaluate(
      async (f, arg) => {
        const run = f as unknown as (a: { q: string; scope: string; own: string[] }) => Promise<QueryRun>;
        const out: QueryRun[] = [];
        for (const q of arg.qs) {
          if (arg.pauseMs) await new Promise((r) => setTimeout(r, arg.pauseMs));
          out.push(await run({ q, scope: arg.scope, own: arg.own }));
        }
        return out;
      },
      { qs: [...qs], scope, own: OWN_TAGS, pauseMs },
    )) as QueryRun[];
  } finally {
    await fn.dispose();
  }
}

/** Transfer size of one file of the built site if served with gzip. */
async function gzipBytes(dist: string, urlPath: string): Promise<number> {
  let file = join(dist, decodeURIComponent(urlPath));
  if (urlPath.endsWith('/')) file = join(file, 'index.html');
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return 0;
  const body = await readFile(file);
  // Pagefind's index, fragments and wasm are gzip files already.
  if (body[0] === 0x1f && body[1] === 0x8b) return body.length;
  return gzipSync(body, { level: 9 }).length;
}

/** What the first search on a fresh page costs. */
export interface FirstSearch {
  query: string;
  /** Total gzip bytes of everything requested from opening search to the rendered results. */
  bytes: number;
  files: Array<{ path: string; bytes: number }>;
  /** Open (key `/`) to rendered results, cold, in ms. */
  ms: number;
  count: number;
}

/**
 * Open the header search on a content page in a fresh browser context, type
 * one query, and add up what was downloaded for it.
 * @param browser a launched browser
 * @param origin the site's origin
 * @param dist the built site's folder (to size the files)
 * @param q the query
 */
export async function measureFirstSearch(browser: Browser, origin: string, dist: string, q: string): Promise<FirstSearch> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/neural-nets/`, { waitUntil: 'networkidle' });
    const paths: string[] = [];
    page.on('request', (req) => {
      const url = new URL(req.url());
      if (url.origin === origin) paths.push(url.pathname);
    });
    await page.waitForFunction('!!customElements.get("site-search")');
    const t0 = Date.now();
    await page.keyboard.press('/');
    const opened = await page
      .waitForFunction('document.querySelector("dialog.search-dialog")?.open === true', undefined, { timeout: 5_000 })
      .then(() => true, () => false);
    if (!opened) await page.locator('.search-open').click(); // something on the page had the key
    await page.locator('dialog.search-dialog .sr-input').fill(q);
    await page.waitForFunction(
      (q) => {
        const r = document.querySelector<HTMLElement>('dialog.search-dialog [data-search-results]');
        return r?.dataset.state === 'done' && r.dataset.query === q;
      },
      q,
      { timeout: 30_000 },
    );
    const ms = Date.now() - t0;
    const count = await page.locator('dialog.search-dialog a.sr-link[data-result-para]').count();
    const unique = [...new Set(paths)];
    const files = await Promise.all(unique.map(async (path) => ({ path, bytes: await gzipBytes(dist, path) })));
    return { query: q, bytes: files.reduce((s, f) => s + f.bytes, 0), files, ms, count };
  } finally {
    await context.close();
  }
}
