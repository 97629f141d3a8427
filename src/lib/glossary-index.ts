/**
 * Build-time helpers for the glossary's readings and indexes: each term's
 * pinyin (from src/lib/pinyin.ts, i.e. `pinyin-pro` plus the content's
 * override list), the English A–Z order and the pinyin order of the Chinese
 * headwords. Pure TypeScript, no DOM; not for client bundles (pinyin-pro is large).
 */
import { annotate, toneless } from './pinyin';
import type { Term } from './glossary';

/** A term's pinyin in the forms the site shows and matches. */
export interface TermReading {
  /** Toned, syllables separated by spaces, Latin kept as written: `quán zhòng`, `AI jì shù`. */
  toned: string;
  /** Toned without spaces, lower case, for matching a typed toned query: `quánzhòng`. */
  tonedKey: string;
  /** Toneless without spaces, lower case, ü as v: `quanzhong`. */
  key: string;
  /** Each syllable toneless, lower case (Latin words as one item): `['quan', 'zhong']`. */
  syllables: string[];
  /** Tone of each Han syllable, 1–4, 5 for the neutral tone: `[2, 4]`. */
  tones: number[];
}

/** Tone number of one toned syllable: the combining mark left after NFD (ā á ǎ à), 5 when none. */
function toneOf(syllable: string): number {
  const marks = syllable.normalize('NFD');
  if (marks.includes('\u0304')) return 1;
  if (marks.includes('\u0301')) return 2;
  if (marks.includes('\u030c')) return 3;
  if (marks.includes('\u0300')) return 4;
  return 5;
}

/**
 * The pinyin of a Chinese headword.
 * @param zh the term as written in Chinese (may contain Latin letters or digits, e.g. `AI`)
 * @returns its readings; for a headword without Han characters, `toned` is the headword itself
 * @throws Error from {@link annotate} when the content's override list is malformed
 */
export function termReading(zh: string): TermReading {
  const words: string[] = [];
  const tones: number[] = [];
  let latin = '';
  for (const s of annotate(zh)) {
    if (s.pinyin) {
      if (latin.trim()) words.push(latin.trim());
      latin = '';
      words.push(s.pinyin);
      tones.push(toneOf(s.pinyin));
    } else latin += s.text;
  }
  if (latin.trim()) words.push(latin.trim());
  const toned = words.join(' ');
  const compact = toned.replace(/\s+/g, '').toLowerCase();
  const syllables = words.map((w) => toneless(w).replace(/[^a-z0-9]/g, '')).filter(Boolean);
  return { toned, tonedKey: compact.normalize('NFC'), key: toneless(compact).replace(/[^a-z0-9]/g, ''), syllables, tones };
}

/**
 * Order Chinese headwords by pinyin, as dictionaries do: syllable by syllable
 * on the toneless spelling (so shen 神 comes before sheng 生, and xi 吸 before
 * xiang 像), then by the tones in order (1, 2, 3, 4, neutral), then the characters.
 * @returns negative, zero or positive, as `Array.prototype.sort` expects
 */
export function comparePinyin(a: { zh: string; reading: TermReading }, b: { zh: string; reading: TermReading }): number {
  const sa = a.reading.syllables;
  const sb = b.reading.syllables;
  for (let i = 0; i < Math.min(sa.length, sb.length); i += 1) if (sa[i] !== sb[i]) return sa[i]! < sb[i]! ? -1 : 1;
  if (sa.length !== sb.length) return sa.length - sb.length;
  const n = Math.min(a.reading.tones.length, b.reading.tones.length);
  for (let i = 0; i < n; i += 1) if (a.reading.tones[i] !== b.reading.tones[i]) return a.reading.tones[i]! - b.reading.tones[i]!;
  return a.reading.tones.length - b.reading.tones.length || a.zh.localeCompare(b.zh, 'zh');
}

/** Index letter of a key: its first letter A–Z, or `#` for anything else. */
function letterOf(s: string): string {
  const c = toneless(s.trim().charAt(0)).toUpperCase();
  return /^[A-Z]$/.test(c) ? c : '#';
}

/** One letter of an index and its terms, in order. */
export interface IndexLetter {
  letter: string;
  terms: Array<{ id: string; label: string }>;
}

/**
 * The glossary's two indexes.
 * @param terms the glossary
 * @returns `en`: terms by English headword, A–Z (case- and accent-insensitive);
 *   `pinyin`: terms by the pinyin of the Chinese headword ({@link comparePinyin});
 *   each grouped by first letter, letters in order, only letters that have terms
 */
export function glossaryIndexes(terms: readonly Term[]): { en: IndexLetter[]; pinyin: IndexLetter[] } {
  const group = (items: Array<{ id: string; label: string; letter: string }>): IndexLetter[] => {
    const out: IndexLetter[] = [];
    for (const it of items) {
      const last = out[out.length - 1];
      if (last && last.letter === it.letter) last.terms.push({ id: it.id, label: it.label });
      else out.push({ letter: it.letter, terms: [{ id: it.id, label: it.label }] });
    }
    return out;
  };
  const en = [...terms].sort((a, b) => a.en.localeCompare(b.en, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id));
  const withReading = terms.map((t) => ({ id: t.id, zh: t.zh, reading: termReading(t.zh) })).sort(comparePinyin);
  return {
    en: group(en.map((t) => ({ id: t.id, label: t.en, letter: letterOf(t.en) }))),
    pinyin: group(withReading.map((t) => ({ id: t.id, label: t.zh, letter: letterOf(t.reading.key || t.zh) }))),
  };
}
