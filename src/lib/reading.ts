/**
 * Prepares a part for rendering: glossary first-use segments for every
 * paragraph rendition, figure numbers and placement. Pure TypeScript.
 */
import { RENDITIONS, type Rendition } from './alignment';
import { markFirstUses, type Segment, type Term } from './glossary';

export interface RenderParagraph {
  id: string;
  kind: 'text' | 'caption';
  /** Position in the part, 1-based. */
  number: number;
  text: Record<Rendition, string>;
  segments: Record<Rendition, Segment[]>;
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
  paragraphs: Array<{ id: string; kind: 'text' | 'caption'; literal?: string; free?: string; en?: string; notes?: EditorNoteText[] }>;
  figures: Array<{ id: string; para: string; caption: { zh?: string; en?: string }; description: { zh?: string; en?: string } }>;
}

/**
 * @param part a validated part (the schema guarantees all renditions exist)
 * @param terms the glossary
 * @returns paragraphs with first-use term segments (per rendition, in reading
 *   order) and numbered figures
 */
export function prepareReading(part: PartInput, terms: readonly Term[]): { paragraphs: RenderParagraph[]; figures: RenderFigure[] } {
  const marked: Record<Rendition, Set<string>> = { literal: new Set(), free: new Set(), en: new Set() };
  const paragraphs = part.paragraphs.map((p, i) => {
    const text = { literal: p.literal ?? '', free: p.free ?? '', en: p.en ?? '' };
    const segments = {} as Record<Rendition, Segment[]>;
    for (const r of RENDITIONS) {
      // Captions stay plain: they label figures.
      segments[r] = p.kind === 'caption' ? [{ text: text[r] }] : markFirstUses(text[r], terms, r === 'en' ? 'en' : 'zh', marked[r]);
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
