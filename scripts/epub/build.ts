/**
 * Writes the EPUB 3 book `dist/book/reading-neural-nets.epub` after
 * `astro build` (run by `npm run build`). Reads the parts and glossary
 * through the site's zod schemas, each figure's static fallback and the
 * editor's notes from the built pages in dist/, the credits from
 * src/lib/catdog/samples.ts and public/models/manifest.json; the book itself
 * is made by src/lib/epub/ (pure). Then writes the book's size into the home
 * page's `[data-epub-size]` slot.
 *
 * Usage: tsx scripts/epub/build.ts [distDir=dist]
 * Exits 1 with a message naming the problem when dist/ lacks a part's page,
 * an image a figure uses is missing, or the content does not validate.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { execFileSync } from 'node:child_process';
import yaml from 'js-yaml';
import { z } from 'astro/zod';
import { partSchema, termSchema } from '../../src/lib/schema';
import { PART_ROUTES } from '../../src/lib/parts';
import { t } from '../../src/lib/i18n';
import { CATDOG_SAMPLES } from '../../src/lib/catdog/samples';
import { parseManifest } from '../../src/lib/models/manifest';
import { bookFiles, type BookImage, type BookPart, type CreditSection, type FigureMedia } from '../../src/lib/epub/book';
import { extractPage, pageStylesheets } from '../../src/lib/epub/extract';
import { packEpub } from '../../src/lib/epub/zip';
import { serializeXml, type XmlElement } from '../../src/lib/epub/xml';
import { BOOK_FILE, formatBytes } from '../../src/lib/epub/meta';

const dist = resolve(process.argv[2] ?? 'dist');
const started = Date.now();

function fail(message: string): never {
  console.error(`[epub] ${message}`);
  process.exit(1);
}

/** Parts and glossary, validated by the schemas the site uses. */
function loadContent() {
  const dir = 'src/content/parts';
  const parts = readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .map((file) => {
      const m = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(dir, file), 'utf8'));
      if (!m) fail(`${file}: no frontmatter`);
      return partSchema.parse(yaml.load(m[1]!));
    })
    .sort((a, b) => a.order - b.order);
  const glossary = z.array(termSchema).parse(yaml.load(readFileSync('src/content/glossary.yaml', 'utf8')));
  return { parts, glossary };
}

/** A file of dist/ named by a URL path of the site, whatever base path the site was built under. */
function distFile(urlPath: string): string | undefined {
  const segs = decodeURIComponent(urlPath.split(/[?#]/)[0]!).split('/').filter(Boolean);
  for (let i = 0; i < segs.length; i++) {
    const p = join(dist, ...segs.slice(i));
    if (existsSync(p)) return p;
  }
  return undefined;
}

const CORE: Record<string, string> = { 'image/svg+xml': 'svg', 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif' };
const BY_EXT: Record<string, string> = { svg: 'image/svg+xml', png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', avif: 'image/avif' };

/** Bytes and media type of an `<img src>`: a data: URI or a file of dist/. Non-core types (WebP, AVIF) are converted to PNG with sharp. */
async function loadImage(src: string, where: string): Promise<{ data: Uint8Array; mediaType: string }> {
  let data: Uint8Array;
  let mediaType: string;
  const m = /^data:([^;,]+)(;base64)?,(.*)$/s.exec(src);
  if (m) {
    mediaType = m[1]!;
    data = m[2] ? Buffer.from(m[3]!, 'base64') : Buffer.from(decodeURIComponent(m[3]!));
  } else {
    const file = distFile(new URL(src, 'http://site/').pathname);
    if (!file) fail(`${where}: image ${src} is not in ${dist}`);
    data = readFileSync(file);
    mediaType = BY_EXT[file.split('.').pop()!.toLowerCase()] ?? 'application/octet-stream';
  }
  if (!CORE[mediaType]) {
    const sharp = (await import('sharp')).default;
    data = await sharp(data).png().toBuffer();
    mediaType = 'image/png';
  }
  return { data, mediaType };
}

/** An SVG shown through <img> cannot load other files: turns every `<image href>` that is not a data: URI into one. */
async function embedImages(node: XmlElement, where: string): Promise<void> {
  if (node.tag === 'image') {
    const href = node.attrs.find(([k]) => k === 'href' || k === 'xlink:href');
    if (href && !href[1].startsWith('data:')) {
      const img = await loadImage(href[1], where);
      href[1] = `data:${img.mediaType};base64,${Buffer.from(img.data).toString('base64')}`;
    }
  }
  for (const c of node.children) if (typeof c !== 'string') await embedImages(c, where);
}

const { parts, glossary } = loadContent();
const images: BookImage[] = [];
const byHash = new Map<string, string>();
const figureMedia: Record<string, FigureMedia[]> = {};
const bookParts: BookPart[] = [];
let figuresWithImages = 0;

/** Adds an image once (by content hash) and returns its file name. */
function addImage(name: string, data: Uint8Array, mediaType: string): string {
  const hash = createHash('sha256').update(data).digest('hex');
  const known = byHash.get(hash);
  if (known) return known;
  const file = `${name}.${CORE[mediaType]}`;
  images.push({ file, mediaType, data });
  byHash.set(hash, file);
  return file;
}

for (const part of parts) {
  const route = PART_ROUTES.find((r) => r.part === part.part);
  if (!route) fail(`part ${part.part} has no route in src/lib/parts.ts`);
  const page = join(dist, route.slug, 'index.html');
  if (!existsSync(page)) fail(`${page} is missing: run astro build first`);
  const html = readFileSync(page, 'utf8');
  const css = pageStylesheets(html).map((s) => {
    if ('text' in s) return s.text;
    const file = distFile(new URL(s.href, 'http://site/').pathname);
    return file ? readFileSync(file, 'utf8') : '';
  });
  const found = extractPage(html, css);
  for (const fig of part.figures) {
    const media = found.figures.get(fig.id);
    if (!media) fail(`figure ${fig.id} is not on ${route.slug}/index.html`);
    const list: FigureMedia[] = [];
    for (const [k, m] of media.entries()) {
      const name = `${fig.id}-${k + 1}`;
      if (m.kind === 'math') {
        list.push({ math: m.math, alt: m.alt });
      } else if (m.kind === 'svg') {
        await embedImages(m.svg, `figure ${fig.id}`);
        const file = addImage(name, Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${serializeXml(m.svg)}\n`), 'image/svg+xml');
        list.push({ file, alt: m.alt, width: m.width });
      } else {
        const img = await loadImage(m.src, `figure ${fig.id}`);
        list.push({ file: addImage(name, img.data, img.mediaType), alt: m.alt, width: m.width });
      }
    }
    figureMedia[fig.id] = list;
    if (list.length) figuresWithImages++;
  }
  bookParts.push({ ...part, notes: found.notes });
}

const manifest = parseManifest(readFileSync('public/models/manifest.json', 'utf8'));
const credits: CreditSection[] = [
  {
    title: { zh: '文本', en: 'The text' },
    items: [
      { title: '直译 · Literal', lang: 'zh-CN', text: '直译即项目所收到的源文本，一字未改。' },
      { title: '意译 · Free', lang: 'zh-CN', text: '第一部分的意译出自源文本；05、06 两部分的意译由本站团队撰写。' },
      { title: 'English', lang: 'en', text: 'All English renditions were translated by this site’s team from the Chinese; none is taken from a published translation.' },
    ],
  },
  {
    title: { zh: '照片', en: 'Photographs' },
    items: CATDOG_SAMPLES.map((s) => ({ title: `${s.file} (${s.licence})`, lang: 'en' as const, text: s.credit.en })),
  },
  {
    title: { zh: '模型与训练数据', en: 'Models and training data' },
    items: Object.values(manifest.models).flatMap((m) => [
      { title: `${m.name}: data`, lang: 'en' as const, text: m.dataset },
      { title: `${m.name}: licence`, lang: 'en' as const, text: m.licence },
    ]),
  },
];

function modifiedDate(): string {
  let secs = Number(process.env.SOURCE_DATE_EPOCH);
  if (!Number.isFinite(secs) || secs <= 0) {
    try {
      secs = Number(execFileSync('git', ['log', '-1', '--format=%ct'], { encoding: 'utf8' }).trim());
    } catch {
      secs = Math.floor(Date.now() / 1000);
    }
  }
  return new Date(secs * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const modified = modifiedDate();
const files = bookFiles({
  title: t('siteTitle'),
  tagline: t('siteTagline'),
  identifier: 'urn:uuid:5d1c7a52-2f0e-4c8e-9a51-6b1f3c0e9d27',
  modified,
  parts: bookParts,
  glossary,
  images,
  figureMedia,
  credits,
});
const bytes = await packEpub(files, new Date(modified));
mkdirSync(join(dist, 'book'), { recursive: true });
writeFileSync(join(dist, 'book', BOOK_FILE), bytes);

// The home page shows the book's size: fill its slot.
const home = join(dist, 'index.html');
if (existsSync(home)) {
  const html = readFileSync(home, 'utf8');
  const slot = /(<span[^>]*data-epub-size[^>]*>)[^<]*(<\/span>)/g;
  if (!slot.test(html)) console.warn('[epub] dist/index.html has no [data-epub-size] slot: the home page does not show the size');
  else writeFileSync(home, html.replace(slot, `$1, ${formatBytes(bytes.length)}$2`));
}

console.log(
  `[epub] dist/book/${BOOK_FILE}: ${bytes.length} bytes (${formatBytes(bytes.length)}), ${bookParts.length} parts, ` +
    `${parts.reduce((n, p) => n + p.paragraphs.length, 0)} paragraphs, ${images.length} images for ${figuresWithImages} of ` +
    `${parts.reduce((n, p) => n + p.figures.length, 0)} figures, ${glossary.length} terms; ${Date.now() - started} ms`,
);
