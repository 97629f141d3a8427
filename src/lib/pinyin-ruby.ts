/**
 * Build-time pinyin data for the ruby toggle: for every segment of a part's two
 * Chinese renditions, the toned syllables of its Han characters, in order. The
 * browser (src/scripts/pinyin-ruby.ts) fetches one part's data only when the
 * reader turns pinyin on and puts each syllable over its character, so the
 * page's first-load HTML carries no ruby (page-weight budget, issue 12).
 *
 * Pure TypeScript, no DOM.
 */
import { annotate } from './pinyin';

/** The Chinese renditions that get pinyin. */
export const PINYIN_RENDITIONS = ['literal', 'free'] as const;
export type PinyinRendition = (typeof PINYIN_RENDITIONS)[number];

/**
 * Stands for a Han character the library has no reading for (the browser puts
 * no annotation over it). Not a pinyin letter, so never confused with one.
 */
export const NO_READING = '_';

/** One part's data, as served at `/pinyin/<part>.json`. */
export interface PartPinyin {
  /** Rendition → segment id (`sNN-pNN-sK`) → space-separated syllables, one per Han character. */
  literal: Record<string, string>;
  free: Record<string, string>;
}

/**
 * The syllables of a text's Han characters (`\p{Script=Han}`), in order.
 * @param text a segment's text
 * @returns e.g. `"quán zhòng"` for `权重，` (punctuation, Latin and digits take none);
 *   `''` when the text has no Han character
 */
export function hanSyllables(text: string): string {
  return annotate(text)
    .filter((s) => /\p{Script=Han}/u.test(s.text))
    .map((s) => s.pinyin ?? NO_READING)
    .join(' ');
}

/**
 * The ruby data of one part.
 * @param paragraphs the part's paragraphs as in its content file (segments with `id`, `literal`, `free`)
 * @returns readings of every segment that has a Han character, by rendition and segment id
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
