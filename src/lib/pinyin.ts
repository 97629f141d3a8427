/**
 * Pinyin for the site's Chinese text, from the `pinyin-pro` library (word-
 * segmented, so most polyphonic characters read right in context) corrected by
 * the phrase list in `src/content/pinyin-overrides.json`.
 *
 * Pure TypeScript, no DOM: used at build time (ruby data, glossary, search
 * index) and by tests.
 */
import { clearCustomDict, customPinyin, pinyin } from 'pinyin-pro';
import overridesFile from '../content/pinyin-overrides.json';
import { HAN_CHAR, NO_READING, PINYIN_RENDITIONS, type PartPinyin } from './pinyin-ruby';

/** One character of annotated text: Han characters carry toned pinyin, others `null`. */
export interface Syllable {
  /** The character as written (one UTF-16 code unit for every Han character in this text). */
  text: string;
  /** Toned pinyin with diacritics, e.g. `zhòng`; `null` for punctuation, Latin, digits. */
  pinyin: string | null;
}

/**
 * The override phrases: phrase → space-separated toned syllables, one per Han
 * character of the phrase. A phrase may include punctuation for context (`”了。`:
 * 了 after a closing quote, where the library reads it alone as liǎo); only its
 * Han characters take a syllable.
 */
export const PINYIN_OVERRIDES: Readonly<Record<string, string>> = overridesFile.overrides;


/**
 * The override's syllables in the form the library takes: one item per character,
 * non-Han characters standing for themselves.
 * @throws Error if the number of syllables is not the number of Han characters
 */
function libraryForm(phrase: string, reading: string): string {
  const syllables = reading.trim().split(/\s+/);
  const chars = [...phrase];
  const han = chars.filter((c) => HAN_CHAR.test(c)).length;
  if (syllables.length !== han) {
    throw new Error(`pinyin override "${phrase}" has ${syllables.length} syllables for ${han} Han characters`);
  }
  let k = 0;
  return chars.map((c) => (HAN_CHAR.test(c) ? syllables[k++] : c)).join(' ');
}

let dictionaryReady = false;
function ensureOverrides(): void {
  if (dictionaryReady) return;
  const dict: Record<string, string> = {};
  for (const [phrase, reading] of Object.entries(PINYIN_OVERRIDES)) dict[phrase] = libraryForm(phrase, reading);
  customPinyin(dict);
  dictionaryReady = true;
}

function annotateNow(text: string): Syllable[] {
  // 'all' gives each item's original text, so the walk stays aligned however the
  // library groups non-Han runs (an override with punctuation splits a run).
  const items = pinyin(text, { type: 'all', toneType: 'symbol', nonZh: 'consecutive' });
  const out: Syllable[] = [];
  for (const item of items) {
    const chars = [...item.origin];
    const one = chars.length === 1 && item.isZh && item.pinyin ? item.pinyin : null;
    for (const ch of chars) out.push({ text: ch, pinyin: one && HAN_CHAR.test(ch) ? one : null });
  }
  if (out.map((s) => s.text).join('') !== text) throw new Error('pinyin: the library did not give back the text it was given');
  return out;
}

/**
 * Annotate a string character by character.
 * @param text any string (Chinese, mixed with Latin, digits, punctuation)
 * @returns one entry per code point, in order; joining `text` gives back the input.
 *   A Han character the library has no reading for (rare extension characters) gets `null`.
 * @throws Error if an override in the content file does not have one syllable per Han character
 */
export function annotate(text: string): Syllable[] {
  ensureOverrides();
  return annotateNow(text);
}

/**
 * What the library alone says, without the content's overrides (for the
 * override test and the audit script: an override must change this).
 * @param text any string
 * @returns as {@link annotate}
 */
export function annotateWithoutOverrides(text: string): Syllable[] {
  clearCustomDict('pinyin');
  dictionaryReady = false;
  return annotateNow(text);
}

/**
 * Remove tone marks and fold ü to v, the way people type pinyin: `lǜ` → `lv`, `Shén` → `shen`.
 * @param syllables toned pinyin (diacritics or tone digits 1–5)
 * @returns lower-case ASCII letters and the separators already in the input
 */
export function toneless(syllables: string): string {
  return syllables
    .normalize('NFD')
    .replace(/u\u0308/gi, 'v')
    .replace(/ü/gi, 'v')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[1-5]/g, '')
    .toLowerCase();
}

/**
 * The toneless, space-free pinyin of a Chinese string, for matching what a
 * reader types: `神经网络` → `shenjingwangluo`. Non-Han characters are dropped.
 * @param text Chinese text
 * @returns ASCII letters only
 */
export function pinyinKey(text: string): string {
  return annotate(text)
    .map((s) => (s.pinyin ? toneless(s.pinyin) : ''))
    .join('');
}

/**
 * The syllables of a text's Han characters (`\p{Script=Han}`), in order: the
 * unit of the ruby data (src/lib/pinyin-ruby.ts).
 * @param text a segment's text
 * @returns e.g. `"quán zhòng"` for `“权重”。` (punctuation, Latin and digits take none);
 *   {@link NO_READING} for a Han character without a reading; `''` when the text has no Han character
 */
export function hanSyllables(text: string): string {
  return annotate(text)
    .filter((s) => HAN_CHAR.test(s.text))
    .map((s) => s.pinyin ?? NO_READING)
    .join(' ');
}

/**
 * The ruby data of one part (served at `/pinyin/<part>.json`).
 * @param paragraphs the part's paragraphs as in its content file (segments with `id`, `literal`, `free`)
 * @returns the syllables of every segment that has a Han character, by rendition and segment id
 */
export function partPinyin(paragraphs: ReadonlyArray<{ segments: ReadonlyArray<{ id: string; literal: string; free: string }> }>): PartPinyin {
  const out: PartPinyin = { literal: {}, free: {} };
  for (const p of paragraphs) {
    for (const seg of p.segments) {
      for (const r of PINYIN_RENDITIONS) {
        const syllables = hanSyllables(seg[r]);
        if (syllables) out[r][seg.id] = syllables;
      }
    }
  }
  return out;
}
