/**
 * One result per paragraph: the hits of a paragraph's renditions (literal,
 * free, English) grouped into one result that shows the rendition the reader
 * reads first, and under it the aligned counterpart (an English hit shows its
 * Chinese; with segments, the counterpart segment of the hit).
 *
 * Pure TypeScript, no DOM.
 */
import type { Range } from './fold';
import { recordOrder, type SearchRendition } from './records';
import type { ViewState } from '../view-state';
import type { SearchHit } from './render';

/**
 * The reader's view when none is known (the site's default, `DEFAULT_VIEW` in
 * view-state.ts). Search code does not import view-state.ts at run time: a
 * module shared with the search chunks would be split out of the part pages'
 * first-load bundle (tests/unit/search-group.test.ts checks both agree).
 */
export const SEARCH_DEFAULT_VIEW: Readonly<ViewState> = { r: 'literal', l: 'both' };

/**
 * The renditions a view shows: the same answer as `visibleRenditions` in
 * view-state.ts (see {@link SEARCH_DEFAULT_VIEW} for why it is not imported).
 */
export function shownRenditions(view: ViewState): SearchRendition[] {
  if (view.l === 'compare') return ['literal', 'free'];
  const out: SearchRendition[] = [];
  if (view.l !== 'en') out.push(view.r);
  if (view.l !== 'zh') out.push('en');
  return out;
}

/** The counterpart shown under a result. */
export interface Counterpart {
  rendition: SearchRendition;
  /** The counterpart text shown: the counterpart segment when there are segments, else the rendition's text. */
  text: string;
  /** Hits of the query inside `text` (empty when the counterpart does not hold it). */
  ranges: Range[];
}

/** A paragraph's result. */
export interface ResultGroup {
  part: string;
  slug: string;
  para: string;
  /** The hit shown first (and linked). */
  primary: SearchHit;
  /** Every rendition of the paragraph that holds the query, in rendition order (primary included). */
  hits: SearchHit[];
  /** True when no rendition the reader's view shows holds the query: the link switches rendition and says so. */
  elsewhere: boolean;
  /** Filled by the engine when it has the counterpart's text (for a split result: the first rendition that completes the query). */
  counterpart: Counterpart | null;
  /**
   * True when no single rendition holds every word of the query and the
   * paragraph is found because its renditions hold them between them (`权重
   * weights`): `counterpart` and `more` then show the renditions that hold the
   * words the primary lacks, with their hits marked.
   */
  split: boolean;
  /** Further renditions a split result needs to show every word (rare: three words in three renditions). */
  more: Counterpart[];
}

/**
 * Which rendition a result shows first: a rendition of the reader's view that
 * holds the query (in the query's script when both do: Chinese for a query
 * with Han characters, else English); else the first rendition that holds it.
 * @param hits the paragraph's hits (at least one)
 * @param view the reader's view
 * @param hanQuery whether the query (as matched) is Chinese
 */
export function primaryHit(hits: readonly SearchHit[], view: ViewState, hanQuery: boolean): { hit: SearchHit; elsewhere: boolean } {
  const visible = shownRenditions(view);
  const shown = hits.filter((h) => visible.includes(h.rendition));
  if (shown.length) {
    const preferred = shown.find((h) => (h.rendition === 'en') !== hanQuery);
    return { hit: preferred ?? shown[0]!, elsewhere: false };
  }
  // Not in the view: the reader's Chinese rendition before the other one.
  const ordered = [...hits].sort((a, b) => Number(b.rendition === view.r) - Number(a.rendition === view.r));
  return { hit: ordered[0]!, elsewhere: true };
}

/**
 * The rendition aligned with a result's primary hit: Chinese (the reader's
 * literal or free) under English; English under Chinese, except in the compare
 * view, where it is the other Chinese rendition.
 * @param primary the primary hit's rendition
 * @param view the reader's view
 */
export function counterpartRendition(primary: SearchRendition, view: ViewState): SearchRendition {
  if (primary === 'en') return view.r;
  if (view.l === 'compare') return primary === 'literal' ? 'free' : 'literal';
  return 'en';
}

/**
 * Group hits by paragraph, in reading order.
 * @param hits verified hits, one per paragraph rendition
 * @param view the reader's view
 * @returns one group per paragraph, counterparts not yet filled
 */
export function groupHits(hits: readonly SearchHit[], view: ViewState): ResultGroup[] {
  const byPara = new Map<string, SearchHit[]>();
  for (const h of [...hits].sort((a, b) => recordOrder(a) - recordOrder(b))) {
    const list = byPara.get(h.para);
    if (list) list.push(h);
    else byPara.set(h.para, [h]);
  }
  return [...byPara.values()].map((list) => {
    const split = list.every((h) => h.words !== undefined);
    // A split result shows first a rendition of the view that holds the most words.
    const most = split ? Math.max(...list.map((h) => h.words!.length)) : 0;
    const pool = split && list.some((h) => h.words!.length === most && shownRenditions(view).includes(h.rendition)) ? list.filter((h) => h.words!.length === most) : list;
    const { hit, elsewhere } = primaryHit(pool, view, /\p{Script=Han}/u.test(list[0]!.matchedQuery));
    const group: ResultGroup = { part: hit.part, slug: hit.slug, para: hit.para, primary: hit, hits: list, elsewhere, counterpart: null, split, more: [] };
    if (split) {
      const [first, ...rest] = complements(hit, list, view).map(hitCounterpart);
      group.counterpart = first ?? null;
      group.more = rest;
    }
    return group;
  });
}

/**
 * The renditions a split result shows under its primary: greedily, the hit
 * that holds most of the words still missing (a rendition of the reader's
 * view before one that is not; English before Chinese under a Chinese primary
 * and the reverse; the reader's Chinese rendition before the other), until
 * every word is shown.
 * @param primary the result's primary hit
 * @param hits every hit of the paragraph (each with `words`)
 * @param view the reader's view
 */
export function complements(primary: SearchHit, hits: readonly SearchHit[], view: ViewState): SearchHit[] {
  const visible = shownRenditions(view);
  const missing = new Set((hits.flatMap((h) => h.words ?? [])).filter((w) => !(primary.words ?? []).includes(w)));
  const out: SearchHit[] = [];
  const left = hits.filter((h) => h !== primary);
  while (missing.size) {
    let best: SearchHit | null = null;
    let bestScore = 0;
    for (const h of left) {
      if (out.includes(h)) continue;
      const gain = (h.words ?? []).filter((w) => missing.has(w)).length;
      if (!gain) continue;
      const score = gain * 8 + (visible.includes(h.rendition) ? 4 : 0) + ((h.rendition === 'en') !== (primary.rendition === 'en') ? 2 : 0) + (h.rendition === view.r ? 1 : 0);
      if (score > bestScore) [best, bestScore] = [h, score];
    }
    if (!best) break;
    out.push(best);
    for (const w of best.words ?? []) missing.delete(w);
  }
  return out;
}

/**
 * What a split result shows of one of its hits: the segment that holds its
 * hits (the hit's `seg`), else its whole text, with the hits marked.
 * @param hit a verified hit
 */
export function hitCounterpart(hit: SearchHit): Counterpart {
  const seg = segmentText(hit.text, hit.segStarts, segmentIndex(hit.seg));
  if (seg) {
    const end = seg.offset + seg.text.length;
    const inside = hit.ranges.filter((r) => r.end > seg.offset && r.start < end).map((r) => ({ start: Math.max(r.start, seg.offset) - seg.offset, end: Math.min(r.end, end) - seg.offset }));
    if (inside.length) return { rendition: hit.rendition, text: seg.text, ranges: inside };
  }
  return { rendition: hit.rendition, text: hit.text, ranges: hit.ranges };
}

/**
 * The text of segment `k` (0-based) of a rendition.
 * @param text the rendition's text
 * @param starts segment start offsets; absent or too short gives null
 * @param k segment index
 * @returns the segment's text and its offset in `text`, or null
 */
export function segmentText(text: string, starts: readonly number[] | undefined, k: number): { text: string; offset: number } | null {
  if (!starts || k < 0 || k >= starts.length) return null;
  const from = starts[k]!;
  const to = starts[k + 1] ?? text.length;
  return { text: text.slice(from, to).trim(), offset: from + (text.slice(from, to).length - text.slice(from, to).trimStart().length) };
}

/** 0-based index of a segment id (`s05-p07-s3` → 2), or -1. */
export function segmentIndex(seg: string | null | undefined): number {
  const m = /-s(\d+)$/.exec(seg ?? '');
  return m ? Number(m[1]) - 1 : -1;
}
