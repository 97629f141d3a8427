/**
 * Measures what a page downloads before the reader interacts: the HTML
 * document and every same-origin response (scripts, stylesheets, images,
 * data), raw and gzip-compressed (zlib level 9, as a server would send it),
 * plus the page's own text and its weight budget (issue 12). Shared by
 * `npm run bench:weight` and the weight e2e test.
 */
import { gzipSync } from 'node:zlib';
import { parse } from 'parse5';
import type { BrowserContext } from 'playwright-core';

export interface Resource {
  url: string;
  kind: 'html' | 'js' | 'css' | 'wasm' | 'model' | 'image' | 'data' | 'other';
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
  /** The HTML document, gzip bytes. */
  htmlGzip: number;
  /** Every same-origin response (HTML included) until network idle, gzip bytes. */
  totalGzip: number;
  /** gzip bytes of the text in `<main>` of the served HTML (see {@link pageText}). */
  textGzip: number;
}

/**
 * Budgets of issue 12, gzip bytes: a reading page's first load ≤ 2 × its text
 * + 16 KB; its HTML ≤ 2 × its text + 8 KB.
 *
 * @param textGzip gzip bytes of the page's text (`PageWeight.textGzip`)
 */
export function weightBudget(textGzip: number): { total: number; html: number } {
  return { total: 2 * textGzip + 16 * 1024, html: 2 * textGzip + 8 * 1024 };
}

/**
 * The page's own text: every text node inside `<main>` of the HTML as served
 * (parsed with parse5, no script run), shown or hidden (all renditions,
 * captions, figure descriptions, notes, term definitions), leaving out
 * `<svg>`, `<math>`, `<script>`, `<style>` and `<template>`.
 *
 * @param html the document's source
 * @returns the concatenated text (whitespace runs collapsed to one space); '' without `<main>`
 */
export function pageText(html: string): string {
  type Node = { nodeName: string; value?: string; childNodes?: Node[]; content?: Node };
  const skip = new Set(['svg', 'math', 'script', 'style', 'template']);
  const find = (n: Node): Node | null => {
    if (n.nodeName === 'main') return n;
    for (const c of n.childNodes ?? []) {
      const m = find(c);
      if (m) return m;
    }
    return null;
  };
  const out: string[] = [];
  const walk = (n: Node) => {
    if (n.nodeName === '#text') out.push(n.value ?? '');
    else if (!skip.has(n.nodeName)) for (const c of n.childNodes ?? []) walk(c);
  };
  const main = find(parse(html) as unknown as Node);
  if (!main) return '';
  walk(main);
  return out.join('').replace(/\s+/g, ' ').trim();
}

function kindOf(url: string, contentType: string): Resource['kind'] {
  if (contentType.startsWith('text/html')) return 'html';
  if (url.endsWith('.wasm')) return 'wasm';
  if (contentType.startsWith('image/')) return 'image';
  if (/\/models\/.*\.(json|bin)(\?|$)/.test(url)) return 'model';
  if (contentType.includes('javascript') || /\.m?js(\?|$)/.test(url)) return 'js';
  if (contentType.includes('css') || /\.css(\?|$)/.test(url)) return 'css';
  if (contentType.includes('json')) return 'data';
  return 'other';
}

const gz = (b: Buffer | string) => gzipSync(b, { level: 9 }).length;

/**
 * Open `url` in a new page of `context`, wait until the network is idle plus
 * `settleMs`, without scrolling or any input, and total what came down
 * (same-origin responses only: the site makes no other request).
 *
 * @param context a Playwright browser context (its viewport decides which islands are visible)
 * @param url absolute URL of the page
 * @param settleMs extra wait after network idle, ms
 */
export async function measurePageWeight(context: BrowserContext, url: string, settleMs = 1000): Promise<PageWeight> {
  const page = await context.newPage();
  const pending: Promise<void>[] = [];
  const resources: Resource[] = [];
  const origin = new URL(url).origin;
  let html = '';
  page.on('response', (res) => {
    if (!res.url().startsWith(origin + '/')) return;
    const isDocument = res.request().resourceType() === 'document' && res.url().split('#')[0] === url.split('#')[0];
    if (isDocument) pending.push(res.text().then((t) => void (html = t)).catch(() => undefined));
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
  const text = pageText(html);
  const inline = await page.evaluate(() => ({
    js: [...document.querySelectorAll('script:not([src])')].map((s) => s.textContent ?? '').filter((t) => t.trim() && !t.trim().startsWith('{')).join('\n'),
    css: [...document.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n'),
  }));
  await page.close();
  const inlineJsGzip = inline.js ? gz(inline.js) : 0;
  const inlineCssGzip = inline.css ? gz(inline.css) : 0;
  const sum = (k: Resource['kind']) => resources.filter((r) => r.kind === k).reduce((a, r) => a + r.gzip, 0);
  return {
    url,
    resources,
    jsGzip: sum('js') + inlineJsGzip,
    cssGzip: sum('css') + inlineCssGzip,
    inlineJsGzip,
    inlineCssGzip,
    htmlGzip: sum('html'),
    totalGzip: resources.reduce((a, r) => a + r.gzip, 0),
    textGzip: text ? gz(text) : 0,
  };
}
