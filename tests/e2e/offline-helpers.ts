/**
 * Helpers for the offline and base-path e2e tests: a static server whose folder
 * can be swapped (a "new deploy") and that serves the site under a base path,
 * a recorder of Content-Security-Policy violations, and waits for the service
 * worker.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sirv from 'sirv';
import type { BrowserContext, Page } from 'playwright-core';

/** A server of one folder at a time under `base`. */
export interface DeployServer {
  /** e.g. `http://127.0.0.1:43125` */
  origin: string;
  /** Serve another folder from now on (a new deploy). */
  deploy(dir: string): void;
  close(): Promise<void>;
}

/**
 * Serve `dir` under `base` (e.g. `/reader/nn/`) on 127.0.0.1 at a free port;
 * everything outside the base answers 404.
 * @throws when no port can be bound
 */
export async function startDeployServer(dir: string, base = '/'): Promise<DeployServer> {
  const serve = (d: string) => sirv(d, { dev: true, etag: true, extensions: ['html'] });
  let handler = serve(dir);
  const server: Server = createServer((req, res) => {
    const notFound = () => {
      res.statusCode = 404;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end('not found');
    };
    if (!req.url?.startsWith(base)) return notFound();
    req.url = '/' + req.url.slice(base.length);
    handler(req, res, notFound);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    deploy: (d) => {
      handler = serve(d);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Record CSP violations on every page of `context` (in `window.__cspViolations`,
 * registered before any page script runs).
 */
export async function recordCspViolations(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = list;
    document.addEventListener('securitypolicyviolation', (e) => list.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
}

/** The CSP violations recorded on `page` so far. */
export function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

/** Wait until a service worker is active and controls `page`. */
export async function waitForServiceWorker(page: Page, timeout = 60_000): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => Boolean(navigator.serviceWorker.controller), undefined, { timeout });
}

/**
 * Scroll every figure of the page into view (so each hydrates and loads what it
 * needs), then wait until no new resource has been fetched for `quietMs`.
 * @returns the number of figures
 */
export async function runEveryFigure(page: Page, quietMs = 1500, timeoutMs = 45_000): Promise<number> {
  const n = await page.locator('figure[data-figure-id]').count();
  for (let i = 0; i < n; i++) {
    await page.locator('figure[data-figure-id]').nth(i).scrollIntoViewIfNeeded();
    await page.waitForTimeout(150);
  }
  const start = Date.now();
  let last = -1;
  let stableSince = Date.now();
  while (Date.now() - start < timeoutMs) {
    const count = await page.evaluate(() => performance.getEntriesByType('resource').length);
    if (count !== last) {
      last = count;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= quietMs) break;
    await page.waitForTimeout(250);
  }
  return n;
}

function newestMtime(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/**
 * Build the site into `dir` with `env` (e.g. SITE_BASE), unless `dir` holds a
 * build newer than every source file (src/, public/, scripts/, astro.config.mjs,
 * package.json). Takes minutes on a loaded machine when it does build.
 * @throws when the build fails
 */
export function buildOnce(dir: string, env: Record<string, string>): void {
  const stamp = join(dir, '.e2e-build-stamp');
  const sources = ['src', 'public', 'scripts', 'astro.config.mjs', 'package.json'];
  const newest = Math.max(...sources.filter((s) => existsSync(s)).map(newestMtime));
  const stampText = JSON.stringify(env);
  if (existsSync(stamp) && statSync(stamp).mtimeMs > newest && readdirSync(dir).length > 1) {
    if (readFileSync(stamp, 'utf8') === stampText) return;
  }
  // Vitest puts Vite's own variables (BASE_URL, MODE, NODE_ENV=test, …) into process.env; a build
  // that inherited them would take BASE_URL=/ over the configured base.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR', 'NODE_ENV'].includes(k) && !k.startsWith('VITEST')),
  );
  execFileSync('npm', ['run', 'build'], { env: { ...inherited, ...env, SITE_DIST: dir }, stdio: 'pipe', timeout: 480_000 });
  writeFileSync(stamp, stampText);
}
