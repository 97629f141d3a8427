/**
 * The glossary page's filter: does an entry match what the reader typed?
 * Pure TypeScript, no DOM (it runs in the page).
 *
 * An entry matches when the query (trimmed, case-insensitive, NFC; spaces
 * between Chinese characters dropped, so `神经 网络` is `神经网络`) occurs in its
 * text (Chinese and English headwords, aliases, shown pinyin, both
 * definitions); or when every word of the query does, an English word also in
 * another form (`weights` → `weight`, `functions` → `function`: Porter stems,
 * the same rule as the site search, src/lib/search/lexicon.ts); or when the
 * query, with its spaces removed, occurs in the pinyin of the headword or of a
 * Chinese alias: toned (`quánzhòng`, `quán zhòng`) against the toned reading,
 * toneless (`quanzhong`, `quan zhong`) against the toneless reading.
 * ü, `v` and `u:` are one letter everywhere (text, words, pinyin: both sides
 * are folded to `v`), so `lü`, `lv` and `lu:` always find the same entries.
 * Traditional characters are matched through their simplified forms, which the
 * page computes (src/lib/search/convert.ts, loaded lazily) and passes as
 * further queries ({@link matchesAnyQuery}).
 */
import { loadLexicon, morphAlternatives, type LoadedLexicon } from './search/lexicon';

/** What the filter compares against, per entry (readings from src/lib/glossary-index.ts). */
export interface FilterEntry {
  /** Everything the entry shows, as one string (any case). */
  text: string;
  /** Toned pinyin without spaces, lower case (`quánzhòng`); several readings (headword, aliases) separated by spaces. */
  tonedKey: string;
  /** Toneless pinyin without spaces, lower case, ü as v (`quanzhong`); several readings separated by spaces. */
  key: string;
}

/** The English words of the entries by Porter stem, for other word forms ({@link filterLexicon}). */
export type FilterLexicon = Pick<LoadedLexicon, 'forms' | 'words'>;

/** Longest query considered, in characters: longer input is cut (a hostile paste cannot stall the page). */
export const MAX_QUERY_LENGTH = 100;

const HAN_SPACE = /(\p{Script=Han})\s+(?=\p{Script=Han})/gu;

/**
 * Normalise a typed query: NFC, lower case, runs of white space as one space
 * (none between two Chinese characters), trimmed, at most {@link MAX_QUERY_LENGTH} characters.
 * @param raw what the reader typed (or `?q=` from the URL)
 */
export function normalizeQuery(raw: string): string {
  return raw.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH).replace(HAN_SPACE, '$1');
}

/**
 * The English words of the entries, ready for word-form lookups (the search
 * lexicon's own preparation, src/lib/search/lexicon.ts `loadLexicon`).
 * @param texts the entries' texts (any case)
 */
export function filterLexicon(texts: readonly string[]): FilterLexicon {
  const words = new Set<string>();
  for (const t of texts) for (const w of t.normalize('NFC').toLowerCase().match(/[a-z]+/g) ?? []) words.add(w);
  return loadLexicon({ en: [...words], zh: {} });
}

/** Does `text` hold `word`: anywhere as typed, or another form of it at the start of a word? */
function holdsWord(text: string, word: string, lex: FilterLexicon | undefined): boolean {
  if (text.includes(word)) return true;
  if (!lex) return false;
  return morphAlternatives(word, lex).some((form) => new RegExp(`(?:^|[^a-z])${form}`).test(text));
}

/**
 * @param query a query from {@link normalizeQuery}; the empty query matches every entry
 * @param entry the entry's text and readings
 * @param lex the entries' English words ({@link filterLexicon}); without it, English words match only as typed
 * @returns whether the entry should be shown
 */
export function matchesEntry(query: string, entry: FilterEntry, lex?: FilterLexicon): boolean {
  if (!query) return true;
  const text = foldU(entry.text.normalize('NFC').toLowerCase());
  const toned = query.replace(/[\s'’-]/g, '');
  if (toned && entry.tonedKey.includes(toned)) return true;
  query = foldU(query);
  if (text.includes(query)) return true;
  const words = query.split(' ');
  if ((words.length > 1 || lex) && words.every((w) => holdsWord(text, w, lex))) return true;
  const compact = foldU(toned);
  if (!compact) return false;
  // Toneless: only plain Latin letters (ü already folded to v).
  return /^[a-z]+$/.test(compact) && entry.key.includes(compact);
}

/** ü and `u:` (ways of typing the pinyin vowel ü) as `v`, the third way: one form to compare. */
function foldU(s: string): string {
  return s.replace(/u:|ü/g, 'v');
}

/**
 * {@link matchesEntry} for several forms of one query (as typed, and its
 * simplified forms when it has traditional characters): true when any matches.
 * @param queries queries from {@link normalizeQuery}; an empty list matches nothing
 */
export function matchesAnyQuery(queries: readonly string[], entry: FilterEntry, lex?: FilterLexicon): boolean {
  return queries.some((q) => matchesEntry(q, entry, lex));
}
