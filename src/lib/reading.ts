/**
 * Prepares a part for rendering: every paragraph rendition as its aligned
 * segments (ids `sNN-pNN-sK`), each segment as glossary term runs (every use);
 * figure numbers and placement. Pure TypeScript.
 */
import { joinSegments, RENDITIONS, type Rendition } from './alignment';
import { markUses, type TextRun, type Term } from './glossary';

/** One segment of one rendition: its id and its text as glossary runs. */
export interface RenderSegment {
  /** `sNN-pNN-sK`, the same in all three renditions of the paragraph. */
  id: string;
  runs: TextRun[];
}

export interface RenderParagraph {
  id: string;
  kind: 'text' | 'caption';
  /** Position in the part, 1-based. */
  number: number;
  /** Each rendition's whole text (its segments joined by {@link joinSegments}). */
  text: Record<Rendition, string>;
  /** Each rendition's segments, in order; the same ids in every rendition. */
  segments: Record<Rendition, RenderSegment[]>;
  /** Editor's notes shown after the paragraph (not part of any rendition). */
  notes: EditorNoteText[];
}

/** One editor's note, in both languages. */
export interface EditorNoteText {
  zh: string;
  en: string;
}

export interface RenderFigure {
  id: string;
  para: string;
  /** "5.3" for the third figure of part 05; null in part 00, whose captions carry their own numbers. */
  number: string | null;
  caption: { zh: string; en: string };
  description: { zh: string; en: string };
}

interface PartInput {
  part: string;
  paragraphs: Array<{
    id: string;
    kind: 'text' | 'caption';
    segments: Array<{ id: string; literal: string; free: string; en: string }>;
    notes?: EditorNoteText[];
  }>;
  figures: Array<{ id: string; para: string; caption: { zh?: string; en?: string }; description: { zh?: string; en?: string } }>;
}

/**
 * Cut a paragraph's runs at segment boundaries.
 *
 * @param runs runs of the whole paragraph text (as {@link markUses} returns them)
 * @param lengths length in UTF-16 code units of each segment's text, in order
 * @param separator length of the text between two segments (0 for Chinese, 1 for the English space)
 * @returns one run list per segment; the separators are dropped (the renderer puts them back
 *   between segment elements). A term run that crosses a boundary (not expected with sentence
 *   segments) keeps its term on its first piece only, so the term is still marked once.
 * @throws Error when the lengths do not add up to the runs' text
 */
export function splitRuns(runs: readonly TextRun[], lengths: readonly number[], separator: number): TextRun[][] {
  const total = runs.reduce((n, r) => n + r.text.length, 0);
  const expected = lengths.reduce((n, l) => n + l, 0) + separator * Math.max(0, lengths.length - 1);
  if (total !== expected) throw new Error(`splitRuns: runs hold ${total} characters, segments ${expected}`);
  // Segment k covers [starts[k], starts[k] + lengths[k]) of the joined text.
  const starts: number[] = [];
  let at = 0;
  for (const l of lengths) {
    starts.push(at);
    at += l + separator;
  }
  const out: TextRun[][] = lengths.map(() => []);
  let pos = 0;
  for (const run of runs) {
    const end = pos + run.text.length;
    let termGiven = false;
    lengths.forEach((l, k) => {
      const from = Math.max(pos, starts[k]!);
      const to = Math.min(end, starts[k]! + l);
      if (to <= from) return;
      const text = run.text.slice(from - pos, to - pos);
      out[k]!.push(run.term && !termGiven ? { text, term: run.term, first: run.first } : { text });
      termGiven = true;
    });
    pos = end;
  }
  return out;
}

/**
 * @param part a validated part (the schema guarantees all renditions exist)
 * @param terms the glossary
 * @returns paragraphs as segments of term runs (every use of every term, found
 *   in the whole paragraph text; `first` on a term's first use in each
 *   rendition on the page, in reading order) and numbered figures
 */
export function prepareReading(part: PartInput, terms: readonly Term[]): { paragraphs: RenderParagraph[]; figures: RenderFigure[] } {
  const marked: Record<Rendition, Set<string>> = { literal: new Set(), free: new Set(), en: new Set() };
  const paragraphs = part.paragraphs.map((p, i) => {
    const text = {} as Record<Rendition, string>;
    const segments = {} as Record<Rendition, RenderSegment[]>;
    for (const r of RENDITIONS) {
      text[r] = joinSegments(p.segments, r);
      // Captions stay plain: they label figures.
      const runs = p.kind === 'caption' ? [{ text: text[r] }] : markUses(text[r], terms, r === 'en' ? 'en' : 'zh', marked[r]);
      const pieces = splitRuns(
        runs,
        p.segments.map((s) => s[r].length),
        r === 'en' ? 1 : 0,
      );
      segments[r] = p.segments.map((s, k) => ({ id: s.id, runs: pieces[k]! }));
    }
    return { id: p.id, kind: p.kind, number: i + 1, text, segments, notes: p.notes ?? [] };
  });
  const chapter = part.part === 's00' ? null : String(Number(part.part.slice(1)));
  const figures = part.figures.map((f, i) => ({
    id: f.id,
    para: f.para,
    number: chapter ? `${chapter}.${i + 1}` : null,
    caption: { zh: f.caption.zh ?? '', en: f.caption.en ?? '' },
    description: { zh: f.description.zh ?? '', en: f.description.en ?? '' },
  }));
  return { paragraphs, figures };
}
