/**
 * Reads the built site's paragraphs: for every part page in `dist/`, each
 * element with `data-para-id` and, inside it, each rendition element
 * (`data-rendition` = literal | free | en), with the text a reader sees.
 * Used by the index build and, as ground truth, by the benchmark and tests.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'parse5';
import { PART_ROUTES } from '../../src/lib/parts';
import { SEARCH_RENDITIONS, segmentStarts, type SearchRendition, type TextRecord } from '../../src/lib/search/records';

interface Attr {
  name: string;
  value: string;
}
interface Node {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: Attr[];
  childNodes?: Node[];
  content?: Node;
}

/** Elements whose text a reader does not see as the paragraph's text. */
const SKIP_TAGS = new Set(['script', 'style', 'template', 'noscript', 'annotation', 'button']);

function attr(node: Node, name: string): string | undefined {
  return node.attrs?.find((a) => a.name === name)?.value;
}

function hidden(node: Node): boolean {
  return (
    SKIP_TAGS.has(node.tagName ?? '') ||
    attr(node, 'aria-hidden') === 'true' ||
    attr(node, 'hidden') !== undefined ||
    attr(node, 'data-pagefind-ignore') !== undefined
  );
}

function textOf(node: Node): string {
  if (node.nodeName === '#text') return node.value ?? '';
  if (node.tagName && hidden(node)) return '';
  let out = '';
  for (const child of node.childNodes ?? []) out += textOf(child);
  return out;
}

function walk(node: Node, visit: (n: Node) => boolean): void {
  if (visit(node)) return;
  for (const child of node.childNodes ?? []) walk(child, visit);
}

/** A placeholder a translator has not filled yet: not indexed. */
function isPlaceholder(text: string): boolean {
  return text === '' || text === 'TODO';
}

/**
 * Paragraph renditions in one page's HTML.
 * @param html the page
 * @param part the part id the page shows
 * @param slug the page's slug
 * @returns records in document order (a paragraph id and rendition appear once)
 */
export function extractRecords(html: string, part: string, slug: string): TextRecord[] {
  const doc = parse(html) as unknown as Node;
  const out: TextRecord[] = [];
  const seen = new Set<string>();
  walk(doc, (el) => {
    const para = el.tagName ? attr(el, 'data-para-id') : undefined;
    if (!para) return false;
    walk(el, (inner) => {
      const r = inner.tagName ? attr(inner, 'data-rendition') : undefined;
      if (!r || !(SEARCH_RENDITIONS as readonly string[]).includes(r)) return false;
      const text = textOf(inner).replace(/\s+/gu, ' ').trim();
      const key = `${para}/${r}`;
      if (!isPlaceholder(text) && !seen.has(key)) {
        seen.add(key);
        const segs: string[] = [];
        walk(inner, (s) => {
          if (!s.tagName || attr(s, 'data-seg-id') === undefined) return false;
          segs.push(textOf(s).replace(/\s+/gu, ' ').trim());
          return true;
        });
        const segStarts = segs.length ? segmentStarts(text, segs) : null;
        out.push({ part, slug, para, rendition: r as SearchRendition, text, ...(segStarts ? { segStarts } : {}) });
      }
      return true;
    });
    return true;
  });
  return out;
}

/**
 * Every paragraph rendition of every part page of a built site.
 * @param distDir the built site (`dist`)
 * @throws when a part page is missing
 */
export async function readSiteRecords(distDir: string): Promise<TextRecord[]> {
  const out: TextRecord[] = [];
  for (const route of PART_ROUTES) {
    const file = join(distDir, route.slug, 'index.html');
    const html = await readFile(file, 'utf8').catch(() => {
      throw new Error(`search: ${file} is missing; run \`astro build\` first`);
    });
    out.push(...extractRecords(html, route.part, route.slug));
  }
  return out;
}
