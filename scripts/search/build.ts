/**
 * Builds the search index over the built site (run after `astro build` by
 * `npm run build`, through build-index.mjs):
 *
 * 1. reads every paragraph rendition from `dist/<slug>/index.html` (extract.ts);
 * 2. adds one Pagefind custom record per paragraph rendition, URL
 *    `/<slug>/?r=<rendition>#<para-id>`, content segmented one token per
 *    character (src/lib/search/segment.ts), all in one `zh` index so one
 *    search covers all three renditions;
 * 3. writes the index to `dist/pagefind/`;
 * 4. writes `dist/search/data.json`: part titles and the glossary, which the
 *    search UI loads with the index;
 * 5. writes `dist/search/lexicon.json` (lexicon.ts): the text's English words
 *    and its Chinese words by pinyin, loaded on the first Latin query.
 */
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as pagefind from 'pagefind';
import yaml from 'js-yaml';
import { PART_ROUTES } from '../../src/lib/parts';
import { indexContent } from '../../src/lib/search/segment';
import { RECORD_FILTER, recordUrl, segmentStarts, SEGMENTS_META } from '../../src/lib/search/records';
import { buildLexicon } from './lexicon';
import { ZWSP } from '../../src/lib/search/segment';
import type { SearchTerm } from '../../src/lib/search/glossary-match';
import { readSiteRecords } from './extract';

/** What the search UI loads besides the index. */
export interface SearchData {
  parts: Array<{ part: string; slug: string; title: { zh: string; en: string } }>;
  terms: SearchTerm[];
}

/** Language of the single index (Pagefind then splits content at U+200B). */
export const INDEX_LANGUAGE = 'zh';

/** Stored texts are bundled into this many fragment files, so a search loads a few files, not hundreds. */
export const MAX_FRAGMENTS = 24;

async function partTitles(root: string): Promise<SearchData['parts']> {
  const out: SearchData['parts'] = [];
  for (const route of PART_ROUTES) {
    const src = await readFile(join(root, 'src/content/parts', `${route.part}.mdx`), 'utf8');
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(src)?.[1] ?? '';
    const data = yaml.load(front) as { title?: { zh?: string; en?: string } };
    out.push({ part: route.part, slug: route.slug, title: { zh: data.title?.zh ?? route.slug, en: data.title?.en ?? route.slug } });
  }
  return out;
}

async function glossary(root: string): Promise<SearchTerm[]> {
  const file = join(root, 'src/content/glossary.yaml');
  const raw = await readFile(file, 'utf8').catch(() => '');
  const parsed = (raw ? yaml.load(raw) : []) as unknown;
  const list = (Array.isArray(parsed) ? parsed : ((parsed as { terms?: unknown[] })?.terms ?? [])) as Array<Record<string, any>>;
  return list.map((t) => ({
    id: String(t.id),
    zh: String(t.zh),
    en: String(t.en),
    aliases: { zh: (t.aliases?.zh ?? []).map(String), en: (t.aliases?.en ?? []).map(String) },
    definition: { zh: String(t.definition?.zh ?? ''), en: String(t.definition?.en ?? '') },
  }));
}

async function dirBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    total += entry.isDirectory() ? await dirBytes(p) : (await stat(p)).size;
  }
  return total;
}

/** The texts of the segments starting at `starts` in `text`. */
function segmentTexts(text: string, starts: readonly number[]): string[] {
  return starts.map((s, k) => text.slice(s, starts[k + 1] ?? text.length));
}

/** Build the index; throws (failing `npm run build`) on any Pagefind error. */
export async function main(root = process.cwd()): Promise<void> {
  const dist = resolve(root, process.env.SITE_DIST ?? 'dist');
  const records = await readSiteRecords(dist);
  if (records.length === 0) throw new Error('search: no paragraphs found in dist/ (elements with data-para-id and data-rendition)');

  const outDir = join(dist, 'pagefind');
  await rm(outDir, { recursive: true, force: true });
  const { index, errors } = await pagefind.createIndex({ forceLanguage: INDEX_LANGUAGE, maxFragments: MAX_FRAGMENTS });
  if (!index || errors.length) throw new Error(`search: Pagefind could not start: ${errors.join('; ')}`);
  try {
    for (const rec of records) {
      const content = indexContent(rec.text);
      // Segment offsets in the text as the index gives it back (index forms, U+200B removed),
      // so the search UI can open the segment that holds the hits.
      const stored = content.replaceAll(ZWSP, '');
      const starts = rec.segStarts && segmentStarts(stored, segmentTexts(rec.text, rec.segStarts).map((t) => indexContent(t).replaceAll(ZWSP, '').trim()));
      const meta: Record<string, string> = starts ? { [SEGMENTS_META]: starts.join(',') } : {};
      const filters = { [RECORD_FILTER]: [`${rec.para}/${rec.rendition}`] };
      const res = await index.addCustomRecord({ url: recordUrl(rec), content, language: INDEX_LANGUAGE, meta, filters });
      if (res.errors.length) throw new Error(`search: ${recordUrl(rec)}: ${res.errors.join('; ')}`);
    }
    const written = await index.writeFiles({ outputPath: outDir });
    if (written.errors.length) throw new Error(`search: writing the index failed: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }

  const data: SearchData = { parts: await partTitles(root), terms: await glossary(root) };
  await mkdir(join(dist, 'search'), { recursive: true });
  await writeFile(join(dist, 'search', 'data.json'), JSON.stringify(data));
  const lexicon = buildLexicon(records);
  await writeFile(join(dist, 'search', 'lexicon.json'), JSON.stringify(lexicon));

  const byRendition = records.reduce<Record<string, number>>((acc, r) => ((acc[r.rendition] = (acc[r.rendition] ?? 0) + 1), acc), {});
  const bytes = await dirBytes(join(outDir, 'index'));
  console.log(
    `[search] indexed ${records.length} paragraph renditions (${Object.entries(byRendition).map(([k, v]) => `${k} ${v}`).join(', ')}), ` +
      `${data.terms.length} glossary terms, lexicon ${lexicon.en.length} English words and ${Object.keys(lexicon.zh).length} pinyin keys; index ${(bytes / 1024).toFixed(1)} KB in dist/pagefind/`,
  );
}
