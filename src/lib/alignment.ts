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

/** A paragraph as stored in a part's frontmatter. */
export interface ParagraphData {
  id: string;
  kind?: 'text' | 'caption';
  literal?: string;
  free?: string;
  en?: string;
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
    for (const r of RENDITIONS) {
      const text = p[r];
      if (typeof text !== 'string' || text.trim() === '') problems.push(`paragraph ${name}: rendition "${r}" is missing`);
      else if (text.trim() === DRAFT_MARKER) problems.push(`paragraph ${name}: rendition "${r}" is still a draft (${DRAFT_MARKER})`);
    }
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
