/**
 * Pinyin for the site's Chinese text, from the `pinyin-pro` library (word-
 * segmented, so most polyphonic characters read right in context) corrected by
 * the phrase list in `src/content/pinyin-overrides.json`.
 *
 * Pure TypeScript, no DOM: used at build time (ruby data, glossary, search
 * index) and by tests.
 */
import { customPinyin, pinyin } from 'pinyin-pro';
import overridesFile from '../content/pinyin-overrides.json';

/** One character of annotated text: Han characters carry toned pinyin, others `null`. */
export interface Syllable {
  /** The character as written (one UTF-16 code unit for every Han character in this text). */
  text: string;
  /** Toned pinyin with diacritics, e.g. `zhòng`; `null` for punctuation, Latin, digits. */
  pinyin: string | null;
}

/** The override phrases: phrase → space-separated toned syllables. */
export const PINYIN_OVERRIDES: Readonly<Record<string, string>> = overridesFile.overrides;

let dictionaryReady = false;
function ensureOverrides(): void {
  if (dictionaryReady) return;
  for (const [phrase, reading] of Object.entries(PINYIN_OVERRIDES)) {
    const n = reading.trim().split(/\s+/).length;
    if (n !== [...phrase].length) {
      throw new Error(`pinyin override "${phrase}" has ${n} syllables for ${[...phrase].length} characters`);
    }
  }
  customPinyin(PINYIN_OVERRIDES);
  dictionaryReady = true;
}

const HAN = /\p{Script=Han}/u;

/**
 * Annotate a string character by character.
 * @param text any string (Chinese, mixed with Latin, digits, punctuation)
 * @returns one entry per code point, in order; joining `text` gives back the input
 * @throws Error if an override in the content file does not have one syllable per character
 */
export function annotate(text: string): Syllable[] {
  ensureOverrides();
  const chars = [...text];
  const readings = pinyin(text, { type: 'array', toneType: 'symbol', nonZh: 'consecutive' });
  // With nonZh 'consecutive' a run of non-Han characters comes back as one item; walk both in step.
  const out: Syllable[] = [];
  let r = 0;
  for (let i = 0; i < chars.length; ) {
    const ch = chars[i];
    if (HAN.test(ch)) {
      out.push({ text: ch, pinyin: readings[r] ?? null });
      r += 1;
      i += 1;
    } else {
      let j = i;
      while (j < chars.length && !HAN.test(chars[j])) j += 1;
      for (let k = i; k < j; k += 1) out.push({ text: chars[k], pinyin: null });
      r += 1;
      i = j;
    }
  }
  return out;
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
