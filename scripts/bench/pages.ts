/**
 * `npm run bench:pages`: Lighthouse (the `lighthouse` npm package, v12) on
 * every page of the built site (dist/, or $SITE_DIST), mobile and desktop,
 * `RUNS` times each (default 3, env LH_RUNS); prints the median score of each
 * category (performance, accessibility, best practices, SEO), the median
 * LCP / TBT / CLS, the audits that lost points, and `os.loadavg()`.
 * Builds nothing. Exits 1 when a median score is below 100.
 *
 * The site is served as a static host would serve it: from a temporary copy of
 * dist/ with every text file also gzip-compressed (sirv picks the `.gz`).
 * Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM_PATH), started by
 * chrome-launcher (a dependency of lighthouse) with the e2e tests' flags.
 * Env PAGES="/,/training/" limits the pages; FORM=mobile|desktop one form factor;
 * LH_JSON=<dir> also writes each run's report there (`<page>-<form>-<run>.json`, for
 * its traces' audits: long tasks, layout shifts, main-thread work).
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import sirv from 'sirv';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = Number(process.env.LH_RUNS ?? 3);
const PAGES = (process.env.PAGES ?? '/,/flac-jpeg/,/neural-nets/,/training/,/glossary/,/models/,/search/').split(',');
const FORMS = (process.env.FORM ?? 'mobile,desktop').split(',') as ('mobile' | 'desktop')[];
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

/** Copy `dist` to a temporary folder and add a `.gz` beside every text file (level 9). */
function compressedCopy(dist: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'lh-site-'));
  cpSync(dist, dir, { recursive: true });
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(html|js|mjs|css|svg|json|txt|xml|webmanifest)$/.test(name)) writeFileSync(`${p}.gz`, gzipSync(readFileSync(p), { level: 9 }));
    }
  };
  walk(dir);
  return dir;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

const root = compressedCopy(process.env.SITE_DIST ?? 'dist');
const handler = sirv(root, { dev: false, etag: true, gzip: true, extensions: ['html'], maxAge: 31536000 });
const server = createServer((req, res) =>
  handler(req, res, () => {
    res.statusCode = 404;
    res.end('not found');
  }),
);
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}; ${RUNS} run(s) per page and form factor, medians`);
console.log('page           form      perf  a11y  best   seo   LCP ms  TBT ms    CLS');
let failed = false;
try {
  for (const form of FORMS) {
    for (const path of PAGES) {
      const scores: Record<string, number[]> = Object.fromEntries(CATEGORIES.map((c) => [c, []]));
      const lcp: number[] = [];
      const tbt: number[] = [];
      const cls: number[] = [];
      const lost = new Map<string, string>();
      for (let i = 0; i < RUNS; i++) {
        const result = await lighthouse(
          origin + path,
          { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] },
          form === 'desktop' ? desktopConfig : undefined,
        );
        const lhr = result!.lhr;
        if (process.env.LH_JSON) {
          mkdirSync(process.env.LH_JSON, { recursive: true });
          writeFileSync(join(process.env.LH_JSON, `${path.replace(/\W+/g, '_')}-${form}-${i}.json`), JSON.stringify(lhr));
        }
        for (const c of CATEGORIES) scores[c]!.push(Math.round((lhr.categories[c]?.score ?? 0) * 100));
        lcp.push(lhr.audits['largest-contentful-paint']?.numericValue ?? NaN);
        tbt.push(lhr.audits['total-blocking-time']?.numericValue ?? NaN);
        cls.push(lhr.audits['cumulative-layout-shift']?.numericValue ?? NaN);
        for (const c of CATEGORIES) {
          for (const ref of lhr.categories[c]?.auditRefs ?? []) {
            const a = lhr.audits[ref.id];
            if (ref.weight > 0 && a && a.score !== null && a.score < 0.9) lost.set(ref.id, `${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}`);
          }
        }
      }
      const med = CATEGORIES.map((c) => median(scores[c]!));
      if (med.some((v) => v < 100)) failed = true;
      console.log(
        `${path.padEnd(14)} ${form.padEnd(8)} ${med.map((v) => String(v).padStart(5)).join(' ')} ${median(lcp).toFixed(0).padStart(8)} ${median(tbt).toFixed(0).padStart(7)} ${median(cls).toFixed(3).padStart(6)}`,
      );
      for (const [id, title] of lost) console.log(`    ${id}: ${title}`);
    }
  }
} finally {
  chrome.kill();
  server.close();
  rmSync(root, { recursive: true, force: true });
}
console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
if (failed) process.exit(1);
