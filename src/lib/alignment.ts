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
 * Problems with one paragraph's segmentation.
 *
 * Rules: at least one segment; every segment has all three renditions,
 * non-empty and not the draft marker; no rendition of a segment has
 * leading/trailing white space or a line break (segments are joined by
 * {@link joinSegments}); a text paragraph whose literal has N sentence ends
 * ({@link sentenceEnds}) has at least ⌈N/2⌉ segments unless `segmentNote`
 * says why (caption paragraphs are one segment by design).
 *
 * @param p one paragraph as stored (or as parsed: extra fields are ignored)
 * @returns human-readable problems naming the paragraph and segment
 */
export function segmentProblems(p: ParagraphData): string[] {
  const problems: string[] = [];
  const name = p.id ?? '(no id)';
  const segments = p.segments ?? [];
  if (segments.length === 0) problems.push(`paragraph ${name}: has no segments`);
  segments.forEach((seg, k) => {
    for (const r of RENDITIONS) {
      const text = seg[r];
      const where = `paragraph ${name}: segment ${segmentId(p.id, k + 1)}: rendition "${r}"`;
      if (typeof text !== 'string' || text.trim() === '') problems.push(`${where} is missing`);
      else if (text.trim() === DRAFT_MARKER) problems.push(`${where} is still a draft (${DRAFT_MARKER})`);
      else if (text !== text.trim() || /[\n\r]/.test(text)) problems.push(`${where} has leading/trailing white space or a line break`);
    }
  });
  if (p.kind !== 'caption' && !p.segmentNote?.trim()) {
    const ends = sentenceEnds(joinSegments(segments, 'literal'));
    const need = Math.ceil(ends / 2);
    if (segments.length < need) {
      problems.push(`paragraph ${name}: literal has ${ends} sentence ends but only ${segments.length} segment(s); split it into at least ${need} or give a segmentNote`);
    }
  }
  return problems;
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

/**
 * The seed's own text of each part, for the fidelity rules: `literal` lists
 * the seed's literal paragraphs in order; `free`, when the seed has a free
 * rendition of that part (only s00), lists those. Built from
 * `src/content/seed.txt` by `seedTexts` in src/lib/seed.ts.
 */
export type SeedTexts = Partial<Record<string, { literal: string[]; free?: string[] }>>;

/**
 * Number of sentence ends in a text: each run of sentence-ending marks
 * (。！？, or ASCII . ! ? followed by a space and a capital/opening mark or
 * by the end of the text; an ellipsis "..." is not one), together with the
 * closing quotes and brackets between them, counts once — so “为什么是猫？”。
 * is one end.
 *
 * @param text one rendition of a paragraph
 * @returns count ≥ 0
 */
export function sentenceEnds(text: string): number {
  const closers = '”’）)」』';
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    let ends = '。！？'.includes(c);
    if (!ends && '.!?'.includes(c)) {
      const ellipsis = c === '.' && (text[i - 1] === '.' || text[i + 1] === '.');
      let j = i + 1;
      while (j < text.length && closers.includes(text[j]!)) j++;
      ends = !ellipsis && (j === text.length || (text[j] === ' ' && /[A-Z“(\u4e00-\u9fff]/u.test(text[j + 1] ?? '')));
    }
    if (!ends) continue;
    n++;
    while (i + 1 < text.length && (closers + '。！？').includes(text[i + 1]!)) i++;
  }
  return n;
}

/** Marker the editors use for text not yet written; never allowed in a build. */
export const DRAFT_MARKER = 'TODO';

/**
 * Check one part for alignment problems.
 *
 * Rules: ids match `<part>-pNN`, are unique and numbered 1, 2, 3… in order;
 * every paragraph's segments pass {@link segmentProblems}; when `seed` is
 * given, the literal segments of each paragraph joined equal the seed's
 * paragraph character for character (and the free ones too where the seed
 * has a free rendition, i.e. s00), with as many paragraphs as the seed;
 * every figure names an existing paragraph, has a unique id and a caption
 * and description in both languages.
 *
 * @param part the parsed frontmatter of one part
 * @param seed the seed's paragraphs by part (omit to skip the fidelity rule)
 * @returns human-readable problems, each naming the paragraph or figure; empty when aligned
 */
export function alignmentProblems(part: PartData, seed?: SeedTexts): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  part.paragraphs.forEach((p, i) => {
    const expected = `${part.part}-p${String(i + 1).padStart(2, '0')}`;
    const name = p.id ?? `#${i + 1}`;
    if (p.id !== expected) problems.push(`paragraph ${name}: expected id ${expected} at position ${i + 1}`);
    if (seen.has(p.id)) problems.push(`paragraph ${name}: duplicate id`);
    seen.add(p.id);
    problems.push(...segmentProblems(p));
  });
  const fromSeed = seed?.[part.part];
  if (seed && !fromSeed) problems.push(`part ${part.part}: the seed has no paragraphs for this part`);
  for (const r of ['literal', 'free'] as const) {
    const want = fromSeed?.[r];
    if (!want) continue;
    if (want.length !== part.paragraphs.length) {
      problems.push(`part ${part.part}: ${part.paragraphs.length} paragraphs but the seed's ${r} rendition has ${want.length}`);
    }
    part.paragraphs.forEach((p, i) => {
      const got = joinSegments(p.segments ?? [], r);
      if (want[i] !== undefined && got !== want[i]) {
        let at = 0;
        while (at < got.length && got[at] === want[i]![at]) at++;
        problems.push(`paragraph ${p.id}: ${r} segments joined differ from the seed at character ${at + 1} ("${got.slice(at, at + 12)}" vs "${want[i]!.slice(at, at + 12)}")`);
      }
    });
  }
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
