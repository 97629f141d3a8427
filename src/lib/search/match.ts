/**
 * The check every candidate from the index passes before it is shown: does
 * the paragraph's text really contain the query? Pagefind's phrases ignore
 * punctuation and white space between tokens, and a multi-word query is
 * several phrases, so the index can return a little too much; this drops it.
 *
 * Pure TypeScript, no DOM.
 */
import { findRanges, type FoldedText, type Range } from './fold';
import type { ParsedQuery } from './query';

/** How a text matches a query. */
export interface TextMatch {
  /** True when the whole query occurs as one string (always true for one word). */
  exact: boolean;
  /** Hits to highlight, as ranges of the original text, sorted and merged. */
  ranges: Range[];
}

/**
 * Match a (folded) text against a parsed query.
 * @param folded the text, folded with `foldWithMap`
 * @param query a query with status 'ok'
 * @returns null when some word of the query is missing from the text
 */
export function matchText(folded: FoldedText, query: Pick<ParsedQuery, 'text' | 'words'>): TextMatch | null {
  if (query.words.length === 0) return null;
  for (const word of query.words) if (!folded.text.includes(word)) return null;
  const exact = query.words.length === 1 || folded.text.includes(query.text);
  return { exact, ranges: findRanges(folded, exact ? [query.text, ...query.words] : query.words) };
}
