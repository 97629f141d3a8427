/**
 * Folding: the one normalisation both sides of search agree on. A query
 * matches a text when the folded query is a substring of the folded text.
 *
 * Folding works one code point at a time (so every folded character knows
 * which original character it came from, for highlighting):
 * - NFKC: full-width Latin letters and digits become ASCII (`ＲｅＬＵ１` → `ReLU1`),
 *   full-width punctuation becomes ASCII (`，` → `,`), ligatures split (`ﬁ` → `fi`);
 * - lower case;
 * - diacritics dropped (`é` → `e`);
 * - every run of white space becomes one space.
 *
 * Traditional → simplified conversion is not folding: it is done to the query
 * only, by `convert.ts` (opencc-js), because the text is simplified already.
 *
 * Pure TypeScript, no DOM; small enough for the part pages' arrival script.
 */

const WHITESPACE = /\s/u;
const MARKS = /\p{M}/gu;

/** Cache of folded forms of non-ASCII characters (the text repeats a few thousand of them). */
const charCache = new Map<string, string>();

/**
 * Fold one code point.
 * @param ch a single code point (one element of `[...text]`)
 * @returns its folded form: usually one character, sometimes none (a combining mark) or several (`ﬁ`)
 */
export function foldChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : ch;
  let folded = charCache.get(ch);
  if (folded === undefined) {
    folded = ch.normalize('NFKC').toLowerCase().normalize('NFD').replace(MARKS, '').normalize('NFC');
    charCache.set(ch, folded);
  }
  return folded;
}

/** A folded text and, for each of its UTF-16 units, where it came from in the original. */
export interface FoldedText {
  /** The folded text (white space collapsed to single spaces, not trimmed). */
  text: string;
  /**
   * `start[i]` is the UTF-16 offset in the original of the character that
   * produced folded unit `i`; `start[text.length]` is the original's length.
   */
  start: number[];
  /** `end[i]`: offset just past that original character. */
  end: number[];
}

/**
 * Fold a text and keep the offset map back to the original.
 * @param original any text
 * @returns folded text with per-unit source offsets
 */
export function foldWithMap(original: string): FoldedText {
  let text = '';
  const start: number[] = [];
  const end: number[] = [];
  let offset = 0;
  let lastWasSpace = false;
  for (const ch of original) {
    const next = offset + ch.length;
    if (WHITESPACE.test(ch)) {
      if (!lastWasSpace) {
        text += ' ';
        start.push(offset);
        end.push(next);
        lastWasSpace = true;
      } else {
        end[end.length - 1] = next;
      }
    } else {
      const f = foldChar(ch);
      for (let i = 0; i < f.length; i++) {
        start.push(offset);
        end.push(next);
      }
      text += f;
      if (f.length > 0) lastWasSpace = false;
      else if (end.length > 0 && !lastWasSpace) end[end.length - 1] = next; // a dropped mark belongs to the letter before it
    }
    offset = next;
  }
  start.push(offset);
  end.push(offset);
  return { text, start, end };
}

/**
 * Fold a text (see the module comment). Equal to `foldWithMap(text).text`.
 * @param original any text
 */
export function fold(original: string): string {
  let out = '';
  let lastWasSpace = false;
  for (const ch of original) {
    if (WHITESPACE.test(ch)) {
      if (!lastWasSpace) out += ' ';
      lastWasSpace = true;
    } else {
      const f = foldChar(ch);
      out += f;
      if (f.length > 0) lastWasSpace = false;
    }
  }
  return out;
}

/** A half-open range `[start, end)` of UTF-16 offsets. */
export interface Range {
  start: number;
  end: number;
}

/**
 * Where the folded `needles` occur in a text, as ranges of the original text,
 * sorted and merged (overlapping or touching hits become one range).
 *
 * @param folded the text, folded with {@link foldWithMap}
 * @param needles folded, non-empty strings to look for
 * @param limit stop after this many hits in total (a one-letter query can hit hundreds of times)
 */
export function findRanges(folded: FoldedText, needles: readonly string[], limit = 200): Range[] {
  const raw: Range[] = [];
  for (const needle of needles) {
    if (!needle) continue;
    let from = 0;
    while (raw.length < limit) {
      const at = folded.text.indexOf(needle, from);
      if (at < 0) break;
      raw.push({ start: folded.start[at]!, end: folded.end[at + needle.length - 1]! });
      from = at + needle.length;
    }
  }
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Range[] = [];
  for (const r of raw) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}
