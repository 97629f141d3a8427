#!/usr/bin/env node
/**
 * `npm test`: makes sure the browser the e2e tests need is here (installing
 * Debian's chromium and fonts-noto-cjk when running as root, or saying exactly
 * what to install), and epubcheck for the EPUB test (installed when root;
 * otherwise that one test is skipped with a message), builds the site (set SKIP_BUILD=1 to reuse dist/), then
 * runs every Vitest project (unit, then e2e).
 */
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const cjkFont = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const missing = [];
if (!existsSync(chromium)) missing.push('chromium');
if (!existsSync(cjkFont)) missing.push('fonts-noto-cjk');
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
// Optional: without it tests/e2e/epub.test.ts skips its epubcheck run and says so.
if (!existsSync('/usr/share/java/epubcheck.jar') && isRoot) missing.push('epubcheck');
// Optional: without it tests/e2e/print.test.ts checks the print styles but not the PDF's text, and says so.
if (!existsSync('/usr/bin/pdftotext') && isRoot) missing.push('poppler-utils');
if (missing.length) {
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`[test] installing Debian packages: ${missing.join(' ')}`);
    execSync('apt-get update -qq', { stdio: 'inherit' });
    execSync(`DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${missing.join(' ')}`, { stdio: 'inherit' });
  } else {
    console.error(`[test] missing: ${missing.join(', ')}. Install with: sudo apt-get install -y ${missing.join(' ')}`);
    process.exit(1);
  }
}

if (process.env.SKIP_BUILD !== '1') run('npm', ['run', 'build']);
run('npx', ['vitest', 'run']);
