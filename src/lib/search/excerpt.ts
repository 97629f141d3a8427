/**
 * Result excerpts: a window of the paragraph around its hits, with the hits
 * marked, as escaped HTML (every character of the text is escaped; the only
 * markup is the `<mark>` this module writes).
 *
 * Pure TypeScript, no DOM.
 */
import type { Range } from './fold';

/** A piece of an excerpt. */
export interface ExcerptPiece {
  text: string;
  hit: boolean;
}

/**
 * Escape text for HTML content and attribute values.
 * @param s any string
 * @returns `s` with `& < > " '` replaced by entities
 */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Characters shown around the hits: Chinese needs fewer than English for the same width. */
export const EXCERPT_LENGTH = { zh: 72, en: 180 } as const;

/**
 * Cut an excerpt around the hits.
 *
 * The window starts a little before the first hit (a third of its length)
 * and is moved to a word boundary in English; "…" marks cut ends.
 *
 * @param text the full original text
 * @param ranges hits in `text` (sorted, merged), possibly empty
 * @param length window length in UTF-16 units
 * @returns pieces in order; hits that straddle the window edge are cut to it
 */
export function excerpt(text: string, ranges: readonly Range[], length: number): ExcerptPiece[] {
  const first = ranges[0];
  let start = 0;
  if (text.length > length && first) {
    const lead = Math.floor(length / 3);
    start = Math.max(0, Math.min(first.start - lead, text.length - length));
    if (start > 0) {
      const space = text.indexOf(' ', start);
      if (space >= 0 && space < first.start && space - start < 20) start = space + 1;
      // never cut a surrogate pair
      if (/[\uDC00-\uDFFF]/.test(text[start] ?? '')) start += 1;
    }
  }
  let end = Math.min(text.length, start + length);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > start + length - 20) end = space;
    if (/[\uD800-\uDBFF]/.test(text[end - 1] ?? '')) end -= 1;
  }
  const pieces: ExcerptPiece[] = [];
  if (start > 0) pieces.push({ text: '…', hit: false });
  let pos = start;
  for (const r of ranges) {
    if (r.end <= start) continue;
    if (r.start >= end) break;
    const s = Math.max(r.start, start);
    const e = Math.min(r.end, end);
    if (s > pos) pieces.push({ text: text.slice(pos, s), hit: false });
    pieces.push({ text: text.slice(s, e), hit: true });
    pos = e;
  }
  if (pos < end) pieces.push({ text: text.slice(pos, end), hit: false });
  if (end < text.length) pieces.push({ text: '…', hit: false });
  return pieces;
}

/**
 * Excerpt pieces as HTML: text escaped, hits in `<mark>`.
 * @param pieces from {@link excerpt}
 */
export function excerptHtml(pieces: readonly ExcerptPiece[]): string {
  return pieces.map((p) => (p.hit ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text))).join('');
}
