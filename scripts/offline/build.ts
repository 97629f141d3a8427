/**
 * `npm run build` step 3 (after `astro build` and the search index): makes the
 * built site deployable anywhere and readable offline. Idempotent: running it
 * again over the same folder (e.g. after editing a page) gives the same result
 * as a fresh build would.
 *
 * 1. CSP: every page gets `<meta http-equiv="Content-Security-Policy">` right after
 *    `<meta charset>`, with the sha256 of each of its inline scripts (see {@link cspFor}).
 * 2. Figure files: lists what figures load on demand (model files, tfjs `.wasm` and
 *    runtime chunks, sample photos), with their sizes, in `offline/figures.json`, and
 *    names the runtime cache after a hash of their bytes; their total size goes into
 *    every `<span data-size>` of the pages (the "save figures" control).
 * 3. Web app manifest `manifest.webmanifest` and PNG icons rendered from
 *    `public/favicon.svg` with sharp.
 * 4. The service worker `sw.js`: src/sw/sw.ts bundled by esbuild, its precache list
 *    (every other emitted file, with revision hashes) injected by Workbox.
 *
 * Reads `SITE_DIST` (default `dist`) and `SITE_BASE` (default `/`), as astro.config.mjs does.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import sharp from 'sharp';
import { injectManifest } from 'workbox-build';
import { siteBase } from '../../src/lib/base';
import { formatBytes } from '../../src/lib/epub/meta';
import { t } from '../../src/lib/i18n';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Path prefixes (relative to the base) whose files the worker caches at run time, in the figure cache. */
export const FIGURE_PREFIXES = ['models/', 'tfjs/', 'samples/', '_astro/'];

/** Theme colours (page background) of the light and dark themes, as in src/styles/global.css `--bg`. */
export const THEME_COLORS = { light: '#fbfaf6', dark: '#15171b' } as const;

/**
 * The Content-Security-Policy of one page.
 *
 * Scripts: only this origin's files and the page's own inline scripts by sha256
 * (no 'unsafe-inline', no eval); 'wasm-unsafe-eval' lets tfjs and Pagefind compile
 * their WebAssembly. Styles keep 'unsafe-inline': the built pages carry style
 * attributes (figure fallbacks' sprite offsets and sizes, KaTeX) that hashes cannot
 * allow; style injection cannot run code. Connections: this origin, plus `blob:` because
 * the model loader hands the downloaded tfjs `.wasm` bytes to the backend as a blob: URL
 * (src/lib/models/loader.ts), which tfjs then fetches; a blob: URL can only be made by
 * the page's own scripts, so no other origin is reachable. Workers: same-origin only.
 *
 * @param scriptHashes base64 sha256 digests of the page's inline scripts
 * @returns the policy, directives separated by `; `
 */
export function cspFor(scriptHashes: readonly string[]): string {
  const hashes = [...new Set(scriptHashes)].sort().map((h) => `'sha256-${h}'`);
  return [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...hashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self' blob:",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

const CSP_META = /<meta http-equiv="Content-Security-Policy"[^>]*>/gi;
const INLINE_SCRIPT = /<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/**
 * Add (or replace) the CSP meta of one HTML document.
 * @param html the page as built
 * @returns the page with the policy as the first element after `<meta charset>` (or `<head>`)
 * @throws Error when the page has no `<head>`
 */
export function withCspMeta(html: string): string {
  const page = html.replace(CSP_META, '');
  const hashes = [...page.matchAll(INLINE_SCRIPT)].map((m) => createHash('sha256').update(m[1]!, 'utf8').digest('base64'));
  const meta = `<meta http-equiv="Content-Security-Policy" content="${cspFor(hashes)}">`;
  const charset = /<meta charset="?utf-8"?\s*\/?>/i.exec(page);
  if (charset) return page.slice(0, charset.index + charset[0].length) + meta + page.slice(charset.index + charset[0].length);
  const head = /<head[^>]*>/i.exec(page);
  if (!head) throw new Error('CSP: page has no <head>');
  return page.slice(0, head.index + head[0].length) + meta + page.slice(head.index + head[0].length);
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

const posix = (p: string) => p.split(sep).join('/');

/**
 * Is this emitted file loaded only by figures, on demand (so cached at run time, not precached)?
 * @param rel path relative to the output folder, `/`-separated
 * @param read reads the file (only called for `_astro/*.js`)
 */
export async function isFigureFile(rel: string, read: () => Promise<string>): Promise<boolean> {
  if (rel.startsWith('models/')) return rel !== 'models/index.html' && !rel.includes('/fallback/');
  if (rel.startsWith('tfjs/')) return true;
  if (rel.startsWith('samples/')) return /\.(jpe?g|png|webp)$/i.test(rel);
  // tfjs' chunks keep its licence header ("Copyright 20xx Google LLC"); nothing else on the site has it.
  if (rel.startsWith('_astro/') && rel.endsWith('.js')) return /Copyright 20\d\d Google LLC/.test(await read());
  return false;
}

/** What `offline/figures.json` holds. */
export interface FigureFiles {
  /** Name of the worker's runtime cache for these files (`figures-<hash of their bytes>`). */
  cache: string;
  /** Total size, bytes. */
  bytes: number;
  /** Each file: `url` relative to the site's base, `bytes` its size. */
  files: { url: string; bytes: number }[];
}

async function figureFiles(dist: string, files: string[]): Promise<FigureFiles> {
  const list: { url: string; bytes: number; hash: string }[] = [];
  for (const file of files) {
    const rel = posix(relative(dist, file));
    if (!(await isFigureFile(rel, () => readFile(file, 'utf8')))) continue;
    const bytes = await readFile(file);
    list.push({ url: rel, bytes: bytes.byteLength, hash: createHash('sha256').update(bytes).digest('hex') });
  }
  list.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
  const version = createHash('sha256');
  for (const f of list) version.update(`${f.url}\0${f.hash}\n`);
  return {
    cache: `figures-${version.digest('hex').slice(0, 12)}`,
    bytes: list.reduce((s, f) => s + f.bytes, 0),
    files: list.map(({ url, bytes }) => ({ url, bytes })),
  };
}

async function icons(dist: string): Promise<{ src: string; sizes: string; type: string; purpose?: string }[]> {
  const svg = await readFile(join(root, 'public/favicon.svg'));
  await mkdir(join(dist, 'icons'), { recursive: true });
  const out: { src: string; sizes: string; type: string; purpose?: string }[] = [];
  for (const size of [192, 512]) {
    await sharp(svg, { density: (72 * size) / 32 }).resize(size, size).png().toFile(join(dist, `icons/icon-${size}.png`));
    out.push({ src: `icons/icon-${size}.png`, sizes: `${size}x${size}`, type: 'image/png' });
  }
  // Maskable: the logo inside the 80% safe zone on a full-bleed square of its own blue.
  const inner = await sharp(svg, { density: (72 * 410) / 32 }).resize(410, 410).png().toBuffer();
  await sharp({ create: { width: 512, height: 512, channels: 4, background: '#0f5e8c' } })
    .composite([{ input: inner, gravity: 'center' }])
    .png()
    .toFile(join(dist, 'icons/icon-maskable-512.png'));
  out.push({ src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' });
  await sharp(svg, { density: (72 * 180) / 32 }).resize(180, 180).flatten({ background: '#0f5e8c' }).png().toFile(join(dist, 'icons/apple-touch-icon.png'));
  return out;
}

/** Run the step over `$SITE_DIST` (default `dist/`). */
export async function main(): Promise<void> {
  const dist = resolve(root, process.env.SITE_DIST ?? 'dist');
  const base = siteBase(process.env.SITE_BASE || '/');
  await stat(join(dist, 'index.html')).catch(() => {
    throw new Error(`offline: ${dist}/index.html is missing: run astro build first`);
  });

  // 1. CSP on every page.
  const pages = (await walk(dist)).filter((f) => f.endsWith('.html'));
  for (const page of pages) await writeFile(page, withCspMeta(await readFile(page, 'utf8')));

  // 2. Figure files.
  await mkdir(join(dist, 'offline'), { recursive: true });
  const figures = await figureFiles(dist, await walk(dist));
  await writeFile(join(dist, 'offline/figures.json'), JSON.stringify(figures));
  // The "save figures" control shows their total size from first paint (SaveFigures.astro).
  for (const page of pages) {
    const html = await readFile(page, 'utf8');
    const sized = html.replaceAll(/(<span data-size[^>]*>)[^<]*<\/span>/g, `$1${formatBytes(figures.bytes)}</span>`);
    if (sized !== html) await writeFile(page, sized);
  }

  // 3. Manifest and icons.
  const title = t('siteTitle');
  const tagline = t('siteTagline');
  const manifest = {
    name: `${title.zh} · ${title.en}`,
    short_name: title.zh,
    description: `${tagline.zh} ${tagline.en}`,
    lang: 'zh-CN',
    id: base,
    start_url: base,
    scope: base,
    display: 'standalone',
    background_color: THEME_COLORS.light,
    theme_color: THEME_COLORS.light,
    icons: await icons(dist),
  };
  await writeFile(join(dist, 'manifest.webmanifest'), JSON.stringify(manifest, null, 2));

  // 4. Service worker.
  const tmp = join(tmpdir(), `sw-src-${process.pid}.js`);
  await esbuild({
    entryPoints: [join(root, 'src/sw/sw.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    outfile: tmp,
    define: {
      FIGURE_CACHE: JSON.stringify(figures.cache),
      FIGURE_PREFIXES: JSON.stringify(FIGURE_PREFIXES),
      'process.env.NODE_ENV': '"production"',
    },
    logLevel: 'warning',
  });
  try {
    const result = await injectManifest({
      swSrc: tmp,
      swDest: join(dist, 'sw.js'),
      globDirectory: dist,
      globPatterns: ['**/*'],
      globIgnores: [
        'sw.js',
        '**/*.map',
        '**/*.epub',
        'pagefind/pagefind-*ui.*',
        'pagefind/pagefind-highlight.js',
        'pagefind/pagefind-worker.js',
        ...figures.files.map((f) => f.url),
      ],
      // Hashed by Vite: the name is the revision.
      dontCacheBustURLsMatching: /^_astro\//,
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
    });
    for (const w of result.warnings) console.warn(`[offline] ${w}`);
    console.log(
      `[offline] CSP on ${pages.length} pages; precache ${result.count} files, ${result.size} bytes; ` +
        `figures ${figures.files.length} files, ${figures.bytes} bytes (cache ${figures.cache}); base ${base}`,
    );
  } finally {
    await rm(tmp, { force: true });
  }
}
