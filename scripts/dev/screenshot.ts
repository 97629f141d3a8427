/**
 * Developer aid: screenshots of built pages (serves dist/ itself).
 * Serves $SITE_DIST (default dist/). Usage: npx tsx scripts/dev/screenshot.ts <path> [out.png] [width=1280] [height=900] [theme=light|dark] [fullPage=0|1]
 * e.g. npx tsx scripts/dev/screenshot.ts "/neural-nets/?l=both" /tmp/s05.png 1280 900 dark
 * SHOT_STORAGE='{"reader-ui":"both"}' sets localStorage before the page loads (the reader's stored
 * settings: interface language `reader-ui` = zh|en|both, theme, view …).
 * `--no-js` (anywhere among the arguments): the page as a reader without JavaScript sees it
 * (scripting off; SHOT_STORAGE then has no effect).
 */
import { launchBrowser } from '../../tests/e2e/browser.ts';
import { startStaticServer } from '../../tests/e2e/server.ts';

const args = process.argv.slice(2);
const noJs = args.includes('--no-js');
const [path = '/', out = '/tmp/shot.png', w = '1280', h = '900', theme = 'light', full = '0'] = args.filter((a) => a !== '--no-js');
const server = await startStaticServer(process.env.SITE_DIST ?? 'dist');
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: Number(w), height: Number(h) }, colorScheme: theme as 'light' | 'dark', javaScriptEnabled: !noJs });
const stored: Record<string, string> = JSON.parse(process.env.SHOT_STORAGE ?? '{}');
await context.addInitScript((items) => {
  for (const [k, v] of Object.entries(items)) localStorage.setItem(k, v);
}, stored);
const page = await context.newPage();
page.on('console', (m) => m.type() === 'error' && console.log('console error:', m.text()));
page.on('pageerror', (e) => console.log('page error:', e.message));
await page.goto(server.origin + path, { waitUntil: 'networkidle' });
await page.waitForTimeout(300);
await page.screenshot({ path: out, fullPage: full === '1' });
console.log('wrote', out);
await browser.close();
await server.close();
