/**
 * Measures what a page downloads before the reader interacts: every script
 * and stylesheet response (plus inline <script> and <style> text), raw and
 * gzip-compressed (zlib level 9, as a server would send it). Shared by
 * `npm run bench:weight` and the weight e2e test.
 */
import { gzipSync } from 'node:zlib';
import type { BrowserContext } from 'playwright-core';

export interface Resource {
  url: string;
  kind: 'js' | 'css' | 'wasm' | 'model' | 'image' | 'other';
  bytes: number;
  gzip: number;
}

export interface PageWeight {
  url: string;
  resources: Resource[];
  /** JavaScript: external files + inline scripts, gzip bytes. */
  jsGzip: number;
  /** CSS: external files + inline styles, gzip bytes. */
  cssGzip: number;
  inlineJsGzip: number;
  inlineCssGzip: number;
}

function kindOf(url: string, contentType: string): Resource['kind'] {
  if (url.endsWith('.wasm')) return 'wasm';
  if (contentType.startsWith('image/')) return 'image';
  if (/\/models\/.*\.(json|bin)(\?|$)/.test(url)) return 'model';
  if (contentType.includes('javascript') || /\.m?js(\?|$)/.test(url)) return 'js';
  if (contentType.includes('css') || /\.css(\?|$)/.test(url)) return 'css';
  return 'other';
}

const gz = (b: Buffer | string) => gzipSync(b, { level: 9 }).length;

/**
 * Open `url` in a new page of `context`, wait until the network is idle plus
 * `settleMs`, without scrolling or any input, and total what came down.
 *
 * @param context a Playwright browser context (its viewport decides which islands are visible)
 * @param url absolute URL of the page
 * @param settleMs extra wait after network idle, ms
 */
export async function measurePageWeight(context: BrowserContext, url: string, settleMs = 1000): Promise<PageWeight> {
  const page = await context.newPage();
  const pending: Promise<void>[] = [];
  const resources: Resource[] = [];
  page.on('response', (res) => {
    const type = res.request().resourceType();
    if (type === 'document') return;
    pending.push(
      res
        .body()
        .then((body) => {
          resources.push({ url: res.url(), kind: kindOf(res.url(), res.headers()['content-type'] ?? ''), bytes: body.length, gzip: gz(body) });
        })
        .catch(() => undefined),
    );
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForTimeout(settleMs);
  await Promise.all(pending);
  const inline = await page.evaluate(() => ({
    js: [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? '').filter((t) => t.trim() && !t.trim().startsWith('{')).join('\n'),
    css: [...document.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n'),
  }));
  await page.close();
  const inlineJsGzip = inline.js ? gz(inline.js) : 0;
  const inlineCssGzip = inline.css ? gz(inline.css) : 0;
  const sum = (k: Resource['kind']) => resources.filter((r) => r.kind === k).reduce((a, r) => a + r.gzip, 0);
  return { url, resources, jsGzip: sum('js') + inlineJsGzip, cssGzip: sum('css') + inlineCssGzip, inlineJsGzip, inlineCssGzip };
}
