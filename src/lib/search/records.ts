/**
 * What search indexes: one record per paragraph and rendition, and the URL
 * that names it. The same URL is the Pagefind record's URL and, with the
 * query added, the result link: `/<slug>/?r=<rendition>&hl=<query>#<para-id>`
 * (`r=en` asks the page for English; see src/lib/view-state.ts).
 *
 * Pure TypeScript, no DOM.
 */
import { withBase } from '../base';
import { PART_ROUTES } from '../parts';

/** The three renditions, in the order results list them. */
export const SEARCH_RENDITIONS = ['literal', 'free', 'en'] as const;
export type SearchRendition = (typeof SEARCH_RENDITIONS)[number];

/** Labels of the renditions in results. */
export const RENDITION_LABEL: Record<SearchRendition, string> = { literal: '直译', free: '意译', en: 'English' };

import { HIGHLIGHT_PARAM, ONLY_IN_PARAM } from './params';
export { HIGHLIGHT_PARAM, ONLY_IN_PARAM };

/** One paragraph in one rendition, as indexed and as checked by the benchmark. */
export interface TextRecord {
  /** Part id, e.g. `s05`. */
  part: string;
  /** Page slug, e.g. `neural-nets`. */
  slug: string;
  /** Paragraph id, e.g. `s05-p02`. */
  para: string;
  rendition: SearchRendition;
  /** The rendition's text as the page shows it. */
  text: string;
  /**
   * Start offset in `text` (UTF-16 units) of each aligned segment, in order:
   * segment `<para>-s<k+1>` starts at `segStarts[k]`. Absent when the page
   * has no segment markup for the rendition.
   */
  segStarts?: number[];
}

/** Where a record lives. */
export interface RecordAddress {
  slug: string;
  part: string;
  para: string;
  rendition: SearchRendition;
}

/**
 * The URL of a record: `/<slug>/?r=<rendition>#<para>`.
 * @param rec slug, paragraph id and rendition
 */
export function recordUrl(rec: Pick<RecordAddress, 'slug' | 'para' | 'rendition'>): string {
  return `/${rec.slug}/?r=${rec.rendition}#${rec.para}`;
}

/**
 * Read a record URL back.
 * @param url a URL made by {@link recordUrl} (absolute or not)
 * @returns its parts, or null for anything else
 */
export function parseRecordUrl(url: string): RecordAddress | null {
  const m = /^(?:[a-z]+:\/\/[^/]+)?\/([a-z0-9-]+)\/\?r=(literal|free|en)#([a-z0-9-]+)$/.exec(url);
  if (!m) return null;
  const route = PART_ROUTES.find((r) => r.slug === m[1]);
  if (!route) return null;
  return { slug: m[1]!, part: route.part, rendition: m[2] as SearchRendition, para: m[3]! };
}

/**
 * The link a result opens: the record's page in the record's rendition, at
 * the paragraph, with the query to highlight.
 * @param rec the record's address
 * @param query the (folded) query text to highlight on arrival; '' for none
 * @param onlyIn true when the reader's view does not show this rendition's hit
 *   elsewhere (the page then says it switched; {@link ONLY_IN_PARAM})
 */
export function resultHref(rec: Pick<RecordAddress, 'slug' | 'para' | 'rendition'> & { seg?: string | null }, query: string, onlyIn = false): string {
  const params = new URLSearchParams({ r: rec.rendition });
  if (query) params.set(HIGHLIGHT_PARAM, query);
  if (onlyIn) params.set(ONLY_IN_PARAM, rec.rendition);
  return withBase(`/${rec.slug}/?${params.toString()}#${encodeURIComponent(rec.seg ?? rec.para)}`);
}

/**
 * Start offsets of segments within their paragraph's text, found in order:
 * each segment's text is looked for from where the previous one ended, so
 * white space the page puts between segments is skipped.
 *
 * @param text the whole rendition text (as indexed or as returned by the index)
 * @param segments each segment's text, in the same form as `text`
 * @returns one start offset per segment, or null when a segment is not found in order
 */
export function segmentStarts(text: string, segments: readonly string[]): number[] | null {
  const starts: number[] = [];
  let cursor = 0;
  for (const seg of segments) {
    const at = text.indexOf(seg, cursor);
    if (seg === '' || at < 0) return null;
    starts.push(at);
    cursor = at + seg.length;
  }
  return starts;
}

/**
 * The segment a search hit should open. Each segment is scored by the hits
 * whose start lies in it: a hit that is the whole query counts most, then the
 * number of different words hit (a query matched with its words apart), then
 * the number of hits; the earliest segment wins a tie.
 *
 * @param para paragraph id, e.g. `s05-p07`
 * @param starts segment start offsets ({@link segmentStarts}); empty or absent gives null
 * @param ranges the hits in `text`
 * @param text the rendition's text the ranges index into
 * @param query the query as matched (folded); compared case-insensitively with each hit's text
 * @returns a segment id like `s05-p07-s2`, or null when there are no segments or no hits
 */
export function bestSegment(
  para: string,
  starts: readonly number[] | undefined,
  ranges: ReadonlyArray<{ start: number; end: number }>,
  text: string,
  query: string,
): string | null {
  if (!starts || starts.length === 0 || ranges.length === 0) return null;
  const whole = query.trim().toLowerCase().replace(/\s+/gu, ' ');
  const words = starts.map(() => new Set<string>());
  const score = new Array<number>(starts.length).fill(0);
  for (const r of ranges) {
    let k = 0;
    while (k + 1 < starts.length && starts[k + 1]! <= r.start) k++;
    const hit = text.slice(r.start, r.end).toLowerCase().replace(/\s+/gu, ' ');
    if (hit === whole) score[k]! += 1000;
    words[k]!.add(hit);
    score[k]! += 1;
  }
  words.forEach((w, k) => (score[k]! += 10 * w.size));
  return `${para}-s${score.indexOf(Math.max(...score)) + 1}`;
}

/** Pagefind filter on every record, value `<para>/<rendition>`: lets search fetch a hit's counterpart. */
export const RECORD_FILTER = 'rec';

/** Pagefind metadata key that carries {@link TextRecord.segStarts} (comma-separated offsets). */
export const SEGMENTS_META = 'segs';

/** Sort key of a record: part order, paragraph order, rendition order. */
export function recordOrder(rec: Pick<RecordAddress, 'part' | 'para' | 'rendition'>): number {
  const partIndex = PART_ROUTES.findIndex((r) => r.part === rec.part);
  const paraNumber = Number(/-p(\d+)$/.exec(rec.para)?.[1] ?? 0);
  return (partIndex + 1) * 1e6 + paraNumber * 10 + SEARCH_RENDITIONS.indexOf(rec.rendition);
}
