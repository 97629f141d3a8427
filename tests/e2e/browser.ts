/**
 * Launches Debian's Chromium through playwright-core with the flags this
 * machine needs, and records what a page did wrong (console errors, page
 * errors, requests to another origin) so each test can assert there were none.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync } from 'node:fs';

/** Path of the browser binary; override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/**
 * Start Chromium.
 * @param options.ignoreDefaultArgs Playwright default switches to leave out (e.g. `--disable-back-forward-cache`)
 * @throws Error naming the missing binary and the Debian package to install
 */
export async function launchBrowser(options: { ignoreDefaultArgs?: string[] } = {}): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with \`apt-get install -y chromium\``);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: FLAGS, headless: true, ...options });
  // The site's service worker is blocked unless a test opts in (`serviceWorkers: 'allow'`, as
  // tests/e2e/offline.test.ts does): each test starts as a first-time visitor, and route mocks
  // (404s, corrupted weights) see every request instead of the worker answering from its cache.
  const newContext = browser.newContext.bind(browser);
  browser.newContext = (options = {}) => newContext({ serviceWorkers: 'block', ...options });
  return browser;
}

/** What went wrong on a page while a test drove it. */
export interface PageProblems {
  consoleErrors: string[];
  pageErrors: string[];
  foreignRequests: string[];
}

/**
 * Open a new page in `context` that records console errors, uncaught errors
 * and every request whose origin is not `origin` (data: and blob: URLs are allowed).
 *
 * @param context browser context
 * @param origin the site's origin, e.g. `http://127.0.0.1:4321`
 */
export async function watchedPage(context: BrowserContext, origin: string): Promise<{ page: Page; problems: PageProblems }> {
  const page = await context.newPage();
  const problems: PageProblems = { consoleErrors: [], pageErrors: [], foreignRequests: [] };
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err)));
  page.on('request', (req) => {
    const url = req.url();
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (!url.startsWith(origin + '/') && url !== origin) problems.foreignRequests.push(url);
  });
  return { page, problems };
}
