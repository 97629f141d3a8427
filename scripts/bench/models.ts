/**
 * `npm run bench:models`: serve the already-built site (`dist/`, build it
 * first with `npm run build`) on 127.0.0.1, start headless Chromium, and run
 * every `scripts/bench/models/*.ts` module (files starting with `_` are
 * skipped). Each module exports `bench(context)` and prints its own figures;
 * add a file there to add a benchmark (no list to edit).
 *
 * Usage: `npm run bench:models [-- <name>…]` (names = file names without .ts);
 * SITE_DIST=<folder> benchmarks another build folder.
 * Exit code 1 when a module reports a limit it does not meet.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchBrowser } from '../../tests/e2e/browser';
import { startStaticServer } from '../../tests/e2e/server';
import type { ModelBench } from './lib/model-bench';

const here = dirname(fileURLToPath(import.meta.url));
const distDir = resolve(process.env.SITE_DIST ?? resolve(here, '../../dist'));

async function main(): Promise<void> {
  if (!existsSync(join(distDir, 'index.html'))) {
    console.error('dist/ is missing: run `npm run build` first (this benchmark builds nothing).');
    process.exit(2);
  }
  const only = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const files = readdirSync(join(here, 'models'))
    .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
    .filter((f) => only.length === 0 || only.includes(f.slice(0, -3)))
    .sort();
  const server = await startStaticServer(distDir);
  const browser = await launchBrowser();
  // tsx compiles functions with esbuild's keepNames, so a function passed to
  // page.evaluate may call a `__name` helper the page lacks: give every page one.
  const shim = { content: 'globalThis.__name = globalThis.__name || ((f) => f);' };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.addInitScript(shim);
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    await page.addInitScript(shim);
    return page;
  };
  let failed = 0;
  try {
    for (const file of files) {
      const mod = (await import(pathToFileURL(join(here, 'models', file)).href)) as Partial<ModelBench>;
      if (typeof mod.bench !== 'function') {
        console.warn(`scripts/bench/models/${file} exports no bench(); skipped`);
        continue;
      }
      console.log(`\n## ${file.slice(0, -3)}${mod.description ? ' — ' + mod.description : ''}`);
      try {
        const result = await mod.bench({ browser, origin: server.origin, distDir });
        for (const miss of result?.failures ?? []) {
          console.log(`  LIMIT NOT MET: ${miss}`);
          failed++;
        }
      } catch (err) {
        console.log(`  FAILED: ${(err as Error).message?.split('\n')[0] ?? String(err)}`);
        failed++;
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  if (failed) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
