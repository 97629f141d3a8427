/**
 * The pinyin data of the ruby toggle, shared by the build (src/lib/pinyin.ts
 * `partPinyin`, served by src/pages/pinyin/[part].json.ts) and the browser
 * (src/scripts/pinyin-toggle.ts): for every segment of a part's two Chinese
 * renditions, the toned syllables of its Han characters, in order. The page's
 * first-load HTML carries no ruby (page-weight budget, issue 12): the browser
 * fetches one part's data only when the reader turns pinyin on.
 *
 * Pure TypeScript, no DOM, no imports (the browser bundle stays small).
 */

/** The Chinese renditions that get pinyin. */
export const PINYIN_RENDITIONS = ['literal', 'free'] as const;
export type PinyinRendition = (typeof PINYIN_RENDITIONS)[number];

/**
 * Stands for a Han character the library has no reading for (the browser puts
 * no annotation over it). Not a pinyin letter, so never confused with one.
 */
export const NO_READING = '_';

/** One part's data, as served at `/pinyin/<part>.json` (e.g. `/pinyin/s05.json`). */
export type PartPinyin = Record<PinyinRendition, Record<string, string>>;

/** A Han character (one code point), the unit that takes one syllable. */
export const HAN_CHAR = /\p{Script=Han}/u;

/**
 * The syllables of one segment.
 * @param data a part's data
 * @param rendition `literal` or `free`
 * @param segId `sNN-pNN-sK`
 * @returns one syllable (or {@link NO_READING}) per Han character of the segment's text, in order;
 *   `[]` when the data has no entry (a segment without Han characters)
 */
export function segmentSyllables(data: PartPinyin, rendition: PinyinRendition, segId: string): string[] {
  const s = data[rendition]?.[segId];
  return s ? s.split(' ') : [];
}
