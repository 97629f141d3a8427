/**
 * The check every candidate from the index passes before it is shown: does
 * the paragraph's text really contain the query? Pagefind's phrases ignore
 * punctuation and white space between tokens, and a multi-word query is
 * several phrases, so the index can return a little too much; this drops it.
 *
 * A word is held by a text that contains it anywhere (as typed, folded), or
 * one of its other forms (`ParsedQuery.alts`, English morphology) at the
 * start of a word. A quoted phrase is held only as typed.
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

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * Where the needles occur at the start of a word (not preceded by a letter or digit).
 * @param folded the text, folded with `foldWithMap`
 * @param needles folded, non-empty strings
 * @returns ranges of the original text (unsorted, unmerged)
 */
export function wordStartRanges(folded: FoldedText, needles: readonly string[]): Range[] {
  const out: Range[] = [];
  for (const needle of needles) {
    let at = folded.text.indexOf(needle);
    while (at >= 0 && out.length < 200) {
      if (at === 0 || !WORD_CHAR.test(folded.text[at - 1]!)) out.push({ start: folded.start[at]!, end: folded.end[at + needle.length - 1]! });
      at = folded.text.indexOf(needle, at + needle.length);
    }
  }
  return out;
}

function merge(ranges: Range[]): Range[] {
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Range[] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/**
 * Does a (folded) text hold one word of a query: the word anywhere (as typed,
 * folded), or one of its other forms (`alts`) at the start of a word?
 * @param folded the text, folded with `foldWithMap`
 * @param word a folded query word
 * @param alts the word's other forms (none for a quoted phrase)
 */
export function holdsWord(folded: FoldedText, word: string, alts: readonly string[] = []): boolean {
  return folded.text.includes(word) || alts.some((a) => wordStartRanges(folded, [a]).length > 0);
}

/**
 * The words of a query a (folded) text holds, and where: for the paragraph
 * match of a query whose words are spread over a paragraph's renditions
 * (`权重 weights`: the Chinese word in the Chinese, the English in the English).
 * @param folded the text, folded with `foldWithMap`
 * @param query a query with status 'ok' (`alts` optional)
 * @returns the words held (in query order; empty when none) and their hits as sorted, merged ranges
 */
export function matchSomeWords(folded: FoldedText, query: Pick<ParsedQuery, 'words'> & { alts?: ParsedQuery['alts'] }): { words: string[]; ranges: Range[] } {
  const words = query.words.filter((w) => holdsWord(folded, w, query.alts?.[w]));
  if (words.length === 0) return { words, ranges: [] };
  const present = words.filter((w) => folded.text.includes(w));
  const alts = words.flatMap((w) => query.alts?.[w] ?? []);
  return { words, ranges: merge([...findRanges(folded, present), ...wordStartRanges(folded, alts)]) };
}

/**
 * Match a (folded) text against a parsed query.
 * @param folded the text, folded with `foldWithMap`
 * @param query a query with status 'ok' (`alts` optional: no other forms)
 * @returns null when some word of the query is missing from the text
 */
export function matchText(folded: FoldedText, query: Pick<ParsedQuery, 'text' | 'words'> & { alts?: ParsedQuery['alts'] }): TextMatch | null {
  if (query.words.length === 0) return null;
  for (const word of query.words) if (!holdsWord(folded, word, query.alts?.[word])) return null;
  const exact = query.words.length === 1 || folded.text.includes(query.text);
  const present = query.words.filter((w) => folded.text.includes(w));
  const alts = query.words.flatMap((w) => query.alts?.[w] ?? []);
  const ranges = findRanges(folded, exact ? [query.text, ...present] : present);
  if (alts.length === 0) return { exact, ranges };
  return { exact, ranges: merge([...ranges, ...wordStartRanges(folded, alts)]) };
}
