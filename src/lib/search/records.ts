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

/** Query parameter that carries the query to the page, which highlights it (HighlightOnArrival.ts). */
export const HIGHLIGHT_PARAM = 'hl';

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
 */
export function resultHref(rec: Pick<RecordAddress, 'slug' | 'para' | 'rendition'>, query: string): string {
  const params = new URLSearchParams({ r: rec.rendition });
  if (query) params.set(HIGHLIGHT_PARAM, query);
  return withBase(`/${rec.slug}/?${params.toString()}#${encodeURIComponent(rec.para)}`);
}

/** Sort key of a record: part order, paragraph order, rendition order. */
export function recordOrder(rec: Pick<RecordAddress, 'part' | 'para' | 'rendition'>): number {
  const partIndex = PART_ROUTES.findIndex((r) => r.part === rec.part);
  const paraNumber = Number(/-p(\d+)$/.exec(rec.para)?.[1] ?? 0);
  return (partIndex + 1) * 1e6 + paraNumber * 10 + SEARCH_RENDITIONS.indexOf(rec.rendition);
}
