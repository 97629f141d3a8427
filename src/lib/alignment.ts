/**
 * Alignment rules for the content: every paragraph of a part in all three
 * renditions, under a stable id. Pure TypeScript (no DOM, no Astro), shared by
 * the content-collection schema (build fails) and the unit tests.
 */

/** The three renditions every paragraph carries. */
export const RENDITIONS = ['literal', 'free', 'en'] as const;
export type Rendition = (typeof RENDITIONS)[number];

/** BCP 47 language tag of each rendition, as written to the `lang` attribute. */
export const RENDITION_LANG: Record<Rendition, 'zh-CN' | 'en'> = {
  literal: 'zh-CN',
  free: 'zh-CN',
  en: 'en',
};

/**
 * One aligned segment as stored in a part's frontmatter: the smallest run of
 * text whose meaning is complete in all three renditions (usually a sentence;
 * n:m where a rendition merges or splits sentences).
 */
export interface SegmentData {
  literal?: string;
  free?: string;
  en?: string;
}

/** A paragraph as stored in a part's frontmatter: its segments, in order. */
export interface ParagraphData {
  id: string;
  kind?: 'text' | 'caption';
  segments?: SegmentData[];
  /** Editor's reason why this paragraph has fewer segments than the sentence rule asks. */
  segmentNote?: string;
}

/**
 * Id of the k-th segment (1-based) of a paragraph: `s05-p07` + 2 → `s05-p07-s2`.
 */
export function segmentId(paraId: string, k: number): string {
  return `${paraId}-s${k}`;
}

/**
 * A rendition's whole paragraph text from its segments. Chinese segments are
 * concatenated as they are (the literal joined must equal the seed paragraph);
 * English segments are joined by one space.
 */
export function joinSegments(segments: readonly SegmentData[], rendition: Rendition): string {
  return segments.map((s) => s[rendition] ?? '').join(rendition === 'en' ? ' ' : '');
}

/** A figure slot as stored in a part's frontmatter. */
export interface FigureData {
  id: string;
  para: string;
  caption?: { zh?: string; en?: string };
  description?: { zh?: string; en?: string };
}

/** A part (one page) as stored in frontmatter. */
export interface PartData {
  part: string;
  paragraphs: ParagraphData[];
  figures?: FigureData[];
}

/** Marker the editors use for text not yet written; never allowed in a build. */
export const DRAFT_MARKER = 'TODO';

/**
 * Check one part for alignment problems.
 *
 * Rules: ids match `<part>-pNN`, are unique and numbered 1, 2, 3… in order;
 * every paragraph has non-empty `literal`, `free` and `en` that are not the
 * draft marker; every figure names an existing paragraph, has a unique id and
 * a caption and description in both languages.
 *
 * @param part the parsed frontmatter of one part
 * @returns human-readable problems, each naming the paragraph or figure; empty when aligned
 */
export function alignmentProblems(part: PartData): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  part.paragraphs.forEach((p, i) => {
    const expected = `${part.part}-p${String(i + 1).padStart(2, '0')}`;
    const name = p.id ?? `#${i + 1}`;
    if (p.id !== expected) problems.push(`paragraph ${name}: expected id ${expected} at position ${i + 1}`);
    if (seen.has(p.id)) problems.push(`paragraph ${name}: duplicate id`);
    seen.add(p.id);
    const segments = p.segments ?? [];
    if (segments.length === 0) problems.push(`paragraph ${name}: has no segments`);
    segments.forEach((seg, k) => {
      for (const r of RENDITIONS) {
        const text = seg[r];
        const where = `paragraph ${name}: segment ${segmentId(p.id, k + 1)}: rendition "${r}"`;
        if (typeof text !== 'string' || text.trim() === '') problems.push(`${where} is missing`);
        else if (text.trim() === DRAFT_MARKER) problems.push(`${where} is still a draft (${DRAFT_MARKER})`);
      }
    });
  });
  const figIds = new Set<string>();
  for (const f of part.figures ?? []) {
    if (figIds.has(f.id)) problems.push(`figure ${f.id}: duplicate id`);
    figIds.add(f.id);
    if (!seen.has(f.para)) problems.push(`figure ${f.id}: names paragraph ${f.para}, which does not exist`);
    for (const field of ['caption', 'description'] as const) {
      for (const lang of ['zh', 'en'] as const) {
        const t = f[field]?.[lang];
        if (!t || t.trim() === '' || t.trim() === DRAFT_MARKER) problems.push(`figure ${f.id}: ${field}.${lang} is missing`);
      }
    }
  }
  return problems;
}
