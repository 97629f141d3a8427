/**
 * Query parsing: what the reader typed → folded words (what a result must
 * contain) and token runs (what is asked of the Pagefind index).
 *
 * The index (see `segment.ts`) holds one token per letter, digit or Chinese
 * character, at consecutive positions; every other non-space character
 * (punctuation, symbols) takes a position but is not a token, and white space
 * takes none. So a query string that occurs in a text maps to phrases of
 * consecutive tokens: one phrase per stretch of the query between
 * punctuation. Each phrase is searched exactly (Pagefind's quoted search);
 * the candidates are then checked against the real text (see `match.ts`).
 *
 * Words in double quotes (straight or curly) form one phrase that must occur
 * as typed; the quotes themselves are not searched. Other forms of English
 * words (`alts`) are added by the engine from the lexicon (lexicon.ts).
 *
 * Pure TypeScript, no DOM.
 */
import { fold } from './fold';

/** Longest query searched, in characters (code points). Longer input gets a message instead. */
export const MAX_QUERY_CHARS = 100;

/** Most index phrases asked for one query; the rest are still checked against the text. */
export const MAX_RUNS = 12;

/** Why a query is or is not searched. */
export type QueryStatus = 'empty' | 'too-long' | 'no-terms' | 'ok';

/** A parsed query. */
export interface ParsedQuery {
  status: QueryStatus;
  /** The folded query, trimmed ('' unless status is 'ok' or 'no-terms'). */
  text: string;
  /** Folded words (the query split at spaces, duplicates removed): a result contains every one. */
  words: string[];
  /** Token runs for the index, each a list of single tokens; empty unless status is 'ok'. */
  runs: string[][];
  /**
   * Words the reader put in double quotes (`"neural net"`): each must occur as
   * typed, as one string (no other word forms). Also listed in `words`.
   */
  phrases: string[];
  /**
   * Other forms of a word (English morphology, see lexicon.ts), by word: a
   * text holding one of them at the start of a word holds the word. Filled by
   * the engine once the lexicon is loaded; empty here.
   */
  alts: Record<string, string[]>;
}

/** Quotation marks that make a phrase (after folding: straight and curly double quotes). */
const QUOTES = /["\u201C\u201D\u201E\u00AB\u00BB]/u;

/**
 * Split a folded query into words and quoted phrases. An opening quote with
 * no closing one runs to the end.
 * @param text the folded, trimmed query
 */
function splitWords(text: string): { words: string[]; phrases: string[] } {
  if (!QUOTES.test(text)) return { words: text.split(' ').filter((w) => w !== ''), phrases: [] };
  const words: string[] = [];
  const phrases: string[] = [];
  text.split(new RegExp(QUOTES.source, 'gu')).forEach((piece, i) => {
    const p = piece.trim();
    if (!p) return;
    if (i % 2 === 1) {
      words.push(p);
      phrases.push(p);
    } else {
      words.push(...p.split(' ').filter((w) => w !== ''));
    }
  });
  return { words, phrases };
}

const TOKEN = /[\p{L}\p{N}\p{Pc}]/u;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

/**
 * Split a word where a Chinese character and a letter or digit of another script touch:
 * `权重weights` → `权重`, `weights`; `relu函数` → `relu`, `函数`. Punctuation splits nothing
 * (`[权重]` stays one word), and a word in one script comes back whole.
 * @param word a folded word without spaces
 * @returns its pieces, in order (none empty)
 */
export function splitAtScriptChange(word: string): string[] {
  return word.replace(/(?<=\p{Script=Han})(?=[\p{L}\p{N}])(?!\p{Script=Han})|(?<=[\p{L}\p{N}])(?<!\p{Script=Han})(?=\p{Script=Han})/gu, ' ').split(' ');
}

/**
 * Is this (folded) character a token of the index: a letter, a digit, a
 * Chinese character or a connector such as `_`?
 * @param ch one code point
 */
export function isTokenChar(ch: string): boolean {
  return TOKEN.test(ch);
}

/**
 * Does the text contain a Han character (the only thing traditional →
 * simplified conversion can change)?
 * @param text any text
 */
export function hasHan(text: string): boolean {
  return /\p{Script=Han}/u.test(text);
}

/**
 * Split a folded word into runs of tokens at every character that is not a token.
 * @param word a folded word without spaces
 * @returns runs, each a list of one-character tokens, in order
 */
export function tokenRuns(word: string): string[][] {
  const runs: string[][] = [];
  let run: string[] = [];
  for (const ch of word) {
    if (isTokenChar(ch)) {
      run.push(ch);
    } else if (ch !== ' ') {
      if (run.length) runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

/**
 * Parse what the reader typed.
 * @param raw the input box's value, any length, any characters
 * @returns status, folded words and index runs; never throws
 */
export function parseQuery(raw: string): ParsedQuery {
  // Zero-width characters (a paste from a web page or chat) are invisible and never in the index.
  const trimmed = raw.replace(ZERO_WIDTH, '').trim();
  const none = { words: [], runs: [], phrases: [], alts: {} };
  if (trimmed === '') return { status: 'empty', text: '', ...none };
  // Count code points without building an array of a 10 000-character paste.
  let count = 0;
  for (const _ of trimmed) {
    if (++count > MAX_QUERY_CHARS) return { status: 'too-long', text: '', ...none };
  }
  const folded = fold(trimmed).trim();
  const split = splitWords(folded);
  // Chinese and English typed without a space (an input method leaves none: 权重weights) are two words.
  const words = [...new Set(split.words.flatMap((w) => (split.phrases.includes(w) ? [w] : splitAtScriptChange(w))))];
  const phrases = [...new Set(split.phrases)];
  // Quotes only group: the text searched and highlighted is the words without them.
  const text = QUOTES.test(folded) && words.length ? words.join(' ') : folded;
  const seen = new Set<string>();
  let runs: string[][] = [];
  for (const word of words) {
    for (const run of tokenRuns(word)) {
      const key = run.join('');
      if (seen.has(key)) continue;
      seen.add(key);
      runs.push(run);
    }
  }
  if (runs.length === 0) return { status: 'no-terms', text, words, runs: [], phrases, alts: {} };
  if (runs.length > MAX_RUNS) runs = [...runs].sort((a, b) => b.length - a.length).slice(0, MAX_RUNS);
  return { status: 'ok', text, words, runs, phrases, alts: {} };
}

/**
 * The Pagefind query for one run: its tokens, space-separated, in double
 * quotes (Pagefind's exact-phrase search).
 * @param run tokens from {@link tokenRuns}
 */
export function phraseQuery(run: readonly string[]): string {
  return `"${run.join(' ')}"`;
}
