/**
 * Parsing of the source document (`src/content/seed.txt`, a copy of
 * `shared/seed/000_ab445b9359c57aa7.txt`) into its paragraphs.
 *
 * Pure TypeScript, no DOM and no file system: callers pass the text in.
 * Used by the seed-fidelity unit test and by the one-off content generator.
 */

/** Which part of the site a seed paragraph belongs to. */
export type PartId = 's00' | 's05' | 's06';

/** The two Chinese renditions the seed gives (05/06 only have `literal`). */
export type SeedRendition = 'literal' | 'free';

/** One paragraph of the seed, after normalisation (see {@link normaliseSeedText}). */
export interface SeedParagraph {
  part: PartId;
  rendition: SeedRendition;
  /** 1-based position of the paragraph within its part and rendition. */
  index: number;
  /** Normalised text: curly quotes, no markdown `**`. */
  text: string;
  /** True when the seed marks a caption (`**Figure 1: **…`) or the lone caption line "猫". */
  isCaption: boolean;
}

/**
 * Normalise a seed paragraph the only ways the editors allow:
 * straight double quotes become “ and ” (alternating, opening first) and the
 * markdown bold markers `**` are dropped. Nothing else changes.
 *
 * @param raw one paragraph of the seed, as it stands in the file
 * @returns the paragraph as the site publishes it
 */
export function normaliseSeedText(raw: string): string {
  let open = true;
  const quoted = raw.replace(/"/g, () => {
    const q = open ? '\u201C' : '\u201D';
    open = !open;
    return q;
  });
  return quoted.replace(/\*\*/g, '').replace(/[ \t]+$/u, '');
}

/**
 * Split the seed into paragraphs by part and rendition.
 *
 * Structure recognised: `### 直译` / `### 意译` headings switch the rendition;
 * `### 05. …` and `### 06. …` headings start those parts; text before the first
 * numbered heading is part `s00` (the FLAC/JPEG passage). The stray line `{`
 * before `### 05` is an artifact and is dropped. Blank lines separate paragraphs.
 *
 * @param seed the whole seed text (UTF-8 string)
 * @returns paragraphs in document order
 * @throws Error when a paragraph has an odd number of straight quotes (the
 *   curly-quote conversion would be ambiguous)
 */
export function parseSeed(seed: string): SeedParagraph[] {
  const out: SeedParagraph[] = [];
  let part: PartId = 's00';
  let rendition: SeedRendition = 'literal';
  const counters = new Map<string, number>();
  for (const line of seed.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed === '{') continue;
    const heading = /^###\s+(.*)$/.exec(trimmed);
    if (heading) {
      const h = heading[1]!;
      if (h === '直译') rendition = 'literal';
      else if (h === '意译') rendition = 'free';
      else if (h.startsWith('05')) part = 's05';
      else if (h.startsWith('06')) part = 's06';
      continue;
    }
    if ((trimmed.match(/"/g)?.length ?? 0) % 2 !== 0) {
      throw new Error(`seed paragraph has unbalanced quotes: ${trimmed.slice(0, 40)}…`);
    }
    const key = `${part}/${rendition}`;
    const index = (counters.get(key) ?? 0) + 1;
    counters.set(key, index);
    const isCaption = /^\*\*[^*]+:\s*\*\*/.test(trimmed) || trimmed === '猫';
    out.push({ part, rendition, index, text: normaliseSeedText(trimmed), isCaption });
  }
  return out;
}

/**
 * The seed's section titles, as published (the `### 05. 神经网络` heading → `05. 神经网络`).
 *
 * @param seed the whole seed text
 * @returns map from part id to its heading text; `s00` has none in the seed
 */
export function seedHeadings(seed: string): Partial<Record<PartId, string>> {
  const out: Partial<Record<PartId, string>> = {};
  for (const m of seed.matchAll(/^###\s+(0[56])\.\s*(.+)$/gmu)) {
    out[`s${m[1]}` as PartId] = `${m[1]}. ${m[2]!.trim()}`;
  }
  return out;
}

/**
 * True when a published paragraph marks the place of a missing figure:
 * it ends in a full-width colon "：" (the seed's convention).
 *
 * @param text a normalised literal paragraph
 */
export function marksFigure(text: string): boolean {
  return text.endsWith('：');
}

/**
 * The seed's paragraphs grouped for the fidelity rules of
 * `alignmentProblems` (src/lib/alignment.ts): per part, the literal
 * paragraphs in order and, where the seed has one (s00), the free ones.
 *
 * @param seed the whole seed text
 * @returns `{ s00: { literal, free }, s05: { literal }, s06: { literal } }`
 */
export function seedTexts(seed: string): Record<PartId, { literal: string[]; free?: string[] }> {
  const out = {} as Record<PartId, { literal: string[]; free?: string[] }>;
  for (const p of parseSeed(seed)) {
    const entry = (out[p.part] ??= { literal: [] });
    if (p.rendition === 'literal') entry.literal.push(p.text);
    else (entry.free ??= []).push(p.text);
  }
  return out;
}
