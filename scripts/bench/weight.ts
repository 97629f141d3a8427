/**
 * `npm run bench:weight`: what each page of the built site (dist/, or
 * $SITE_DIST) downloads before the reader interacts or scrolls, at phone size
 * (390×844) and desktop size (1280×900): gzip KB of the HTML, JS, CSS,
 * images, data (JSON), wasm and model files, and of the page's own text.
 * Builds nothing. Prints `os.loadavg()`.
 *
 * Budgets, gzip (issue 12, checked at phone size on the reading pages):
 * first load ≤ 2 × text + 16 KB, HTML ≤ 2 × text + 8 KB. Issue 2: content
 * pages ≤ 8 KB JS and ≤ 12 KB CSS. Exits with status 1, naming the page,
 * when a reading page is over any budget.
 */
import { loadavg } from 'node:os';
import { launchBrowser } from '../../tests/e2e/browser.ts';
import { startStaticServer } from '../../tests/e2e/server.ts';
import { measurePageWeight, weightBudget } from './lib/page-weight.ts';

/** Pages whose first load is held to the text budget: the three parts. */
export const READING_PAGES = ['/flac-jpeg/', '/neural-nets/', '/training/'];
const pages = ['/', ...READING_PAGES, '/glossary/', '/models/', '/search/'];
const server = await startStaticServer(process.env.SITE_DIST ?? 'dist');
const browser = await launchBrowser();
const kb = (n: number) => (n / 1024).toFixed(1).padStart(6);
const failures: string[] = [];
console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
console.log('page           viewport   total   HTML     JS    CSS    img   data   wasm  model │   text  budget HTML-budget  (gzip KB)');
for (const [w, h] of [
  [390, 844],
  [1280, 900],
] as const) {
  const context = await browser.newContext({ viewport: { width: w, height: h } });
  for (const path of pages) {
    const m = await measurePageWeight(context, server.origin + path);
    const sum = (k: string) => m.resources.filter((r) => r.kind === k).reduce((a, r) => a + r.gzip, 0);
    const budget = weightBudget(m.textGzip);
    const reading = READING_PAGES.includes(path);
    const over: string[] = [];
    if (reading && w === 390) {
      if (m.totalGzip > budget.total) over.push(`first load ${kb(m.totalGzip).trim()} KB > ${kb(budget.total).trim()} KB`);
      if (m.htmlGzip > budget.html) over.push(`HTML ${kb(m.htmlGzip).trim()} KB > ${kb(budget.html).trim()} KB`);
      if (m.jsGzip > 8 * 1024) over.push(`JS ${kb(m.jsGzip).trim()} KB > 8 KB`);
      if (m.cssGzip > 12 * 1024) over.push(`CSS ${kb(m.cssGzip).trim()} KB > 12 KB`);
    }
    failures.push(...over.map((o) => `${path} (${w}×${h}): ${o}`));
    console.log(
      `${path.padEnd(14)} ${`${w}x${h}`.padEnd(9)} ${kb(m.totalGzip)} ${kb(m.htmlGzip)} ${kb(m.jsGzip)} ${kb(m.cssGzip)} ${kb(sum('image'))} ${kb(sum('data'))} ${kb(sum('wasm'))} ${kb(sum('model'))} │ ${kb(m.textGzip)} ${kb(budget.total)} ${kb(budget.html)}${over.length ? '  OVER' : ''}`,
    );
  }
  await context.close();
}
console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
await browser.close();
await server.close();
if (failures.length) {
  console.error(`\nOver budget:\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
