/**
 * `npm run bench:weight`: what each page of the built site (dist/, or
 * $SITE_DIST) downloads before the reader interacts, at desktop and phone
 * size. Prints a table of gzip bytes (JS, CSS, wasm, model files); builds nothing.
 * Budgets (issue 2): content pages ≤ 8 KB JS and ≤ 12 KB CSS, gzip.
 */
import { launchBrowser } from '../../tests/e2e/browser.ts';
import { startStaticServer } from '../../tests/e2e/server.ts';
import { measurePageWeight } from './lib/page-weight.ts';

const pages = ['/', '/flac-jpeg/', '/neural-nets/', '/training/', '/glossary/', '/models/', '/search/'];
const server = await startStaticServer(process.env.SITE_DIST ?? 'dist');
const browser = await launchBrowser();
const kb = (n: number) => (n / 1024).toFixed(1).padStart(7);
console.log('page                 viewport   JS KB   CSS KB  wasm KB model KB  img KB  (gzip; JS incl. inline)');
for (const [w, h] of [
  [1280, 900],
  [390, 844],
]) {
  const context = await browser.newContext({ viewport: { width: w!, height: h! } });
  for (const path of pages) {
    const m = await measurePageWeight(context, server.origin + path);
    const sum = (k: string) => m.resources.filter((r) => r.kind === k).reduce((a, r) => a + r.gzip, 0);
    console.log(`${path.padEnd(20)} ${`${w}x${h}`.padEnd(9)} ${kb(m.jsGzip)} ${kb(m.cssGzip)} ${kb(sum('wasm'))} ${kb(sum('model'))} ${kb(sum('image'))}`);
  }
  await context.close();
}
await browser.close();
await server.close();
