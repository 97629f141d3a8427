/**
 * The search lexicon: the text's own words, which let a query reach forms it
 * does not spell out.
 *
 * - English morphology: every English word of the text is listed; the browser
 *   stems them (Porter's algorithm, the `stemmer` package) so that `training`
 *   also finds `train`, `trained`, `trains`, and `nets` finds `net` and
 *   `networks` (the stem `net` as the start of a word), as `net` already does.
 * - Pinyin: every Chinese word of the text (ICU's word segmentation,
 *   `Intl.Segmenter`, at build time) keyed by its toneless pinyin read in
 *   context (src/lib/pinyin.ts), so that `shenjing wangluo`, `shénjīng
 *   wǎngluò` and `shenjingwangluo` turn into 神经网络.
 *
 * Built by scripts/search/lexicon.ts into `dist/search/lexicon.json`, loaded
 * by the search code only for a query with Latin letters. Pure TypeScript, no DOM.
 */
import { stemmer } from 'stemmer';

/** The lexicon as shipped (JSON). */
export interface SearchLexicon {
  /** English words of the text, lower case, sorted. */
  en: string[];
  /** Toneless pinyin (a–z, `v` for ü, no spaces) → the Chinese words of the text read so, most frequent first. */
  zh: Record<string, string[]>;
}

/** A lexicon ready for lookups (stems computed once). */
export interface LoadedLexicon {
  /** Stem → the text's English words with that stem. */
  forms: Map<string, string[]>;
  /** Every English word of the text. */
  words: Set<string>;
  zh: Map<string, string[]>;
  /** Longest pinyin key, in letters (bounds the segmentation below). */
  longestKey: number;
}

/** Shortest English word given its other forms (two-letter words have none worth finding). */
export const MIN_MORPH_CHARS = 3;

/**
 * Prepare a shipped lexicon for lookups.
 * @param lex the JSON from `dist/search/lexicon.json`
 */
export function loadLexicon(lex: SearchLexicon): LoadedLexicon {
  const forms = new Map<string, string[]>();
  for (const w of lex.en) {
    const s = stemmer(w);
    const list = forms.get(s);
    if (list) list.push(w);
    else forms.set(s, [w]);
  }
  const zh = new Map(Object.entries(lex.zh));
  let longestKey = 0;
  for (const k of zh.keys()) longestKey = Math.max(longestKey, k.length);
  return { forms, words: new Set(lex.en), zh, longestKey };
}

/** Is this a plain English-looking word (lower-case Latin letters only)? */
export function isLatinWord(word: string): boolean {
  return /^[a-z]+$/.test(word);
}

/**
 * The other forms a query word stands for: the text's words (3+ letters) that
 * share its Porter stem, and the stem itself when it starts the word and is a
 * word of the text (`nets` → `net`, which also starts `network`). A result must hold one of them at the start of a
 * word (or the typed word anywhere, as before).
 *
 * @param word a folded query word
 * @param lex the loaded lexicon
 * @returns forms other than `word`, longest first; [] for short or non-Latin words
 */
export function morphAlternatives(word: string, lex: Pick<LoadedLexicon, 'forms' | 'words'>): string[] {
  if (word.length < MIN_MORPH_CHARS || !isLatinWord(word)) return [];
  const stem = stemmer(word);
  const out = new Set((lex.forms.get(stem) ?? []).filter((f) => f.length >= MIN_MORPH_CHARS));
  // The stem as the start of longer words only when it is a word of the text itself (`net`, not `imag`).
  if (stem.length >= MIN_MORPH_CHARS && word.startsWith(stem) && lex.words.has(stem)) out.add(stem);
  out.delete(word);
  // A form that contains the typed word adds nothing (the typed word is found anywhere).
  return [...out].filter((f) => !f.includes(word)).sort((a, b) => b.length - a.length);
}

/** Most Chinese readings tried for one pinyin query. */
export const MAX_PINYIN_READINGS = 6;

/**
 * Fold a query the way pinyin keys are written: tone marks and tone digits
 * dropped, ü (or u with diaeresis) → v, apostrophes and spaces removed.
 * @param raw the query as typed
 * @returns a–z only, or '' when the query holds anything else
 */
export function pinyinQueryKey(raw: string): string {
  const key = raw
    .normalize('NFD')
    .replace(/u\u0308/gi, 'v')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\s'’1-5]/g, '');
  return /^[a-z]+$/.test(key) ? key : '';
}

/** Does the query carry tone marks or tone digits (so it is meant as pinyin)? */
export function hasTones(raw: string): boolean {
  return /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/i.test(raw.normalize('NFC')) || /[a-z][1-5](?:\s|$|[a-z])/i.test(raw);
}

/**
 * The Chinese words of the text a pinyin query can stand for.
 *
 * The query's letters are split into the fewest pinyin keys of the lexicon
 * (dynamic programming; `shenjingwangluo` → `shenjing` + `wangluo`), and the
 * words of each key are joined (神经 + 网络 → 神经网络). English words that are
 * also pinyin (`an`, `long`, `men`, `women`) must not flood the results, so a
 * query is read as pinyin only when it has tone marks, or when it makes at
 * least two Chinese characters and none of its words is an English word of
 * the text.
 *
 * @param raw the query as typed
 * @param lex the loaded lexicon
 * @returns up to {@link MAX_PINYIN_READINGS} Chinese strings, best first; [] when the query is not pinyin
 */
export function pinyinReadings(raw: string, lex: LoadedLexicon): string[] {
  const key = pinyinQueryKey(raw);
  if (!key) return [];
  const toned = hasTones(raw);
  if (!toned) {
    const words = raw.toLowerCase().split(/\s+/).filter(Boolean);
    if (words.some((w) => lex.words.has(w) || lex.forms.has(stemmer(w)))) return [];
  }
  // best[i]: fewest keys covering key[0, i); from[i]: where the last key starts.
  const n = key.length;
  const best = new Array<number>(n + 1).fill(Infinity);
  const from = new Array<number[]>(n + 1).fill([]);
  best[0] = 0;
  for (let i = 1; i <= n; i++) {
    const starts: number[] = [];
    for (let j = Math.max(0, i - lex.longestKey); j < i; j++) {
      if (best[j] === Infinity || !lex.zh.has(key.slice(j, i))) continue;
      if (best[j]! + 1 < best[i]!) {
        best[i] = best[j]! + 1;
        starts.length = 0;
      }
      if (best[j]! + 1 === best[i]) starts.push(j);
    }
    from[i] = starts;
  }
  if (best[n] === Infinity) return [];
  // Walk the best splits back, joining words; cap the combinations.
  const out: string[] = [];
  const walk = (i: number, suffix: string): void => {
    if (out.length >= MAX_PINYIN_READINGS) return;
    if (i === 0) {
      if (!out.includes(suffix)) out.push(suffix);
      return;
    }
    for (const j of from[i]!) for (const w of lex.zh.get(key.slice(j, i))!) walk(j, w + suffix);
  };
  walk(n, '');
  return out.filter((s) => toned || [...s].length >= 2);
}

/** A query with some of its words read as pinyin (see {@link pinyinWordReadings}). */
export interface WordReading {
  /** The query with those words replaced by Chinese words of the text (`权重 weights`). */
  text: string;
  /** The words (as typed, folded) that were read as pinyin. */
  read: string[];
}

/**
 * Readings of a query of several words in which some words are pinyin and
 * others are not (`quanzhong weights`, `quanzhong 神经元`): each word that is
 * pinyin by {@link pinyinReadings} on its own (2+ Chinese characters, or tone
 * marks; not an English word of the text) is replaced by its Chinese
 * readings; the other words stay. Used when the query as a whole is not read
 * as pinyin.
 * @param words the query's folded words, quoted phrases excluded
 * @param lex the loaded lexicon
 * @returns up to {@link MAX_PINYIN_READINGS} readings (best first), none when no word reads as pinyin or fewer than 2 words
 */
export function pinyinWordReadings(words: readonly string[], lex: LoadedLexicon): WordReading[] {
  if (words.length < 2) return [];
  const options = words.map((w) => (/^[a-z\u00C0-\u024F'’1-5]+$/i.test(w) ? pinyinReadings(w, lex) : []));
  if (options.every((o) => o.length === 0)) return [];
  const read = words.filter((_, i) => options[i]!.length > 0);
  const out: WordReading[] = [];
  const walk = (i: number, acc: string[]): void => {
    if (out.length >= MAX_PINYIN_READINGS) return;
    if (i === words.length) {
      out.push({ text: acc.join(' '), read });
      return;
    }
    const choices = options[i]!.length ? options[i]! : [words[i]!];
    for (const c of choices) walk(i + 1, [...acc, c]);
  };
  walk(0, []);
  return out;
}
