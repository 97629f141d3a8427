/**
 * Ground truth for the search benchmark and tests, computed straight from the
 * texts without any index: which records contain a query.
 *
 * "Contains" means substring after folding (case, full-width forms,
 * diacritics, white space runs; see fold.ts): exactly what the search page
 * promises. Pure TypeScript, no DOM.
 */
import { stemmer } from 'stemmer';
import { fold } from './fold';
import { splitAtScriptChange } from './query';
import type { TextRecord } from './records';

/** A record with its folded text, folded once. */
export interface FoldedRecord extends TextRecord {
  folded: string;
}

/** Fold every record's text once, for many queries. */
export function foldRecords(records: readonly TextRecord[]): FoldedRecord[] {
  return records.map((r) => ({ ...r, folded: fold(r.text) }));
}

/** The key the benchmark compares results by: `<para>/<rendition>`. */
export function recordKey(rec: Pick<TextRecord, 'para' | 'rendition'>): string {
  return `${rec.para}/${rec.rendition}`;
}

/**
 * Records whose text contains the query (as one string).
 * @param records folded records
 * @param query the query as typed (it is folded and trimmed here)
 * @returns keys ({@link recordKey}) of the records that must be found
 */
export function expectedKeys(records: readonly FoldedRecord[], query: string): Set<string> {
  const q = fold(query).trim();
  const out = new Set<string>();
  if (!q) return out;
  for (const r of records) if (r.folded.includes(q)) out.add(recordKey(r));
  return out;
}

/**
 * Is a returned record a correct result: does it contain the query, or for a
 * query of several words, every word?
 * @param record a folded record
 * @param query the query as typed
 */
export function isCorrectResult(record: FoldedRecord, query: string): boolean {
  const q = fold(query).trim();
  if (!q) return false;
  if (record.folded.includes(q)) return true;
  const words = q.split(' ').filter(Boolean).flatMap(splitAtScriptChange);
  return words.length > 1 && words.every((w) => record.folded.includes(w));
}

/**
 * Does a folded text hold a query word under English morphology, decided
 * from the text's own words (not from the search lexicon): the word anywhere
 * (as typed), or a word of the text with the same Porter stem (`stemmer`), or
 * a word that starts with the stem when the stem starts the query word, has
 * 3+ letters and is a word of the English text (`nets` → `net` → `network`).
 */
const stems = new Map<string, string>();
function stemOf(word: string): string {
  let s = stems.get(word);
  if (s === undefined) stems.set(word, (s = stemmer(word)));
  return s;
}

function holdsMorph(folded: string, textWords: readonly string[], word: string, vocabulary: ReadonlySet<string>): boolean {
  if (folded.includes(word)) return true;
  if (!/^[a-z]{3,}$/.test(word)) return false;
  const stem = stemOf(word);
  const prefix = stem.length >= 3 && word.startsWith(stem) && vocabulary.has(stem);
  return textWords.some((w) => (w.length >= 3 && stemOf(w) === stem) || (prefix && w.startsWith(stem)));
}

/** Every English word (a–z run) of the records' folded texts: a stem counts as a prefix only when it is one of them. */
export function vocabularyOf(records: readonly FoldedRecord[]): Set<string> {
  const out = new Set<string>();
  for (const r of records) if (r.rendition === 'en') for (const w of r.folded.match(/[a-z]+/g) ?? []) out.add(w);
  return out;
}

/** Quoted phrases and plain words of a query (straight or curly double quotes). */
function queryParts(query: string): { words: string[]; phrases: string[] } {
  const q = fold(query).trim();
  const words: string[] = [];
  const phrases: string[] = [];
  q.split(/["\u201C\u201D\u201E\u00AB\u00BB]/u).forEach((piece, i) => {
    const p = piece.trim();
    if (!p) return;
    if (i % 2 === 1) phrases.push(p);
    else words.push(...p.split(' ').filter(Boolean).flatMap(splitAtScriptChange));
  });
  return { words, phrases };
}

/**
 * Does a record hold a query the way search promises with word forms: every
 * quoted phrase as typed, and every other word as typed or in another form of
 * it ({@link holdsMorph}).
 * @param record a folded record
 * @param query the query as typed
 * @param vocabulary {@link vocabularyOf} all records
 */
export function holdsQueryMorph(record: FoldedRecord, query: string, vocabulary: ReadonlySet<string>): boolean {
  const { words, phrases } = queryParts(query);
  if (!words.length && !phrases.length) return false;
  if (!phrases.every((p) => record.folded.includes(p))) return false;
  const textWords = record.folded.match(/[a-z]+/g) ?? [];
  return words.every((w) => holdsMorph(record.folded, textWords, w, vocabulary));
}

/**
 * Records that hold a query with word forms ({@link holdsQueryMorph}).
 * @returns keys ({@link recordKey})
 */
export function expectedMorphKeys(records: readonly FoldedRecord[], query: string, vocabulary = vocabularyOf(records)): Set<string> {
  const out = new Set<string>();
  for (const r of records) if (holdsQueryMorph(r, query, vocabulary)) out.add(recordKey(r));
  return out;
}

/**
 * Records search shows for paragraphs that hold a query only between their
 * renditions (a mixed-language query, `权重 weights`): in a paragraph where no
 * rendition holds the whole query ({@link holdsQueryMorph}) but every word or
 * quoted phrase is held by one of its renditions, every rendition that holds
 * one of them. Paragraphs are aligned across renditions by id.
 * @param records folded records (all renditions)
 * @param query the query as typed
 * @param vocabulary {@link vocabularyOf} all records
 * @returns keys ({@link recordKey}); empty for a one-word query
 */
export function expectedSplitKeys(records: readonly FoldedRecord[], query: string, vocabulary: ReadonlySet<string> = vocabularyOf(records)): Set<string> {
  const { words, phrases } = queryParts(query);
  const out = new Set<string>();
  const parts = [...words.map((w) => ({ w, phrase: false })), ...phrases.map((w) => ({ w, phrase: true }))];
  if (parts.length < 2) return out;
  const byPara = new Map<string, FoldedRecord[]>();
  for (const r of records) byPara.set(r.para, [...(byPara.get(r.para) ?? []), r]);
  for (const recs of byPara.values()) {
    if (recs.some((r) => holdsQueryMorph(r, query, vocabulary))) continue;
    const held = recs.map((r) => {
      const textWords = r.folded.match(/[a-z]+/g) ?? [];
      return parts.filter((p) => (p.phrase ? r.folded.includes(p.w) : holdsMorph(r.folded, textWords, p.w, vocabulary)));
    });
    if (!parts.every((p) => held.some((h) => h.includes(p)))) continue;
    recs.forEach((r, i) => {
      if (held[i]!.length) out.add(recordKey(r));
    });
  }
  return out;
}
