/**
 * Zod schemas of the content collections. A part whose paragraphs are not
 * aligned fails the build with messages naming each paragraph (see
 * {@link alignmentProblems}).
 */
import { z } from 'astro/zod';
import { alignmentProblems, joinSegments, segmentId, type SeedTexts } from './alignment';

const text = z.string();
const localized = z.object({ zh: text, en: text });

/** One aligned segment: the same meaning in the three renditions. */
export const segmentSchema = z.object({
  literal: text.optional(),
  free: text.optional(),
  en: text.optional(),
});

/**
 * Paragraph in a part's frontmatter: id plus its aligned segments. Parsed, it
 * also carries each rendition's whole text (`literal`, `free`, `en`, the
 * segments joined by {@link joinSegments}) and each segment's id `sNN-pNN-sK`.
 */
export const paragraphSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['text', 'caption']).default('text'),
    segments: z.array(segmentSchema).default([]),
    segmentNote: text.optional(),
  })
  .transform((p) => ({
    ...p,
    segments: p.segments.map((s, k) => ({ id: segmentId(p.id, k + 1), literal: s.literal ?? '', free: s.free ?? '', en: s.en ?? '' })),
    literal: joinSegments(p.segments, 'literal'),
    free: joinSegments(p.segments, 'free'),
    en: joinSegments(p.segments, 'en'),
  }));

/** Figure slot: placed after paragraph `para` (or captioned by it, when that paragraph is a caption). */
export const figureSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, 'figure ids are lower-case words joined by "-"'),
  para: z.string(),
  caption: localized.partial(),
  description: localized.partial(),
});

/**
 * Schema of one part (page) of the text. With `seed`, the literal (and, for
 * s00, free) segments joined must equal the seed's paragraphs too.
 *
 * @param seed the seed's paragraphs by part (`seedTexts` in src/lib/seed.ts)
 */
export function makePartSchema(seed?: SeedTexts) {
  return partObject.superRefine((part, ctx) => {
    for (const message of alignmentProblems(part, seed)) ctx.addIssue({ code: z.ZodIssueCode.custom, message });
  });
}

const partObject = z.object({
  part: z.enum(['s00', 's05', 's06']),
  order: z.number().int().positive(),
  title: localized,
  paragraphs: z.array(paragraphSchema).min(1),
  figures: z.array(figureSchema).default([]),
});

/** One part (page) of the text, without the seed-fidelity rule (see {@link makePartSchema}). */
export const partSchema = makePartSchema();

/** One glossary term, both languages, with a one-line definition in each. */
export const termSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  zh: z.string().min(1),
  en: z.string().min(1),
  /** Further spellings found in the text (e.g. 斜坡 for ReLU); each is matched as a substring. */
  aliases: z.object({ zh: z.array(z.string()).default([]), en: z.array(z.string()).default([]) }).default({}),
  /** Phrases in which a form of the term does not carry its sense ("for example"): not marked, not counted. */
  exclude: z.object({ zh: z.array(z.string().min(1)).default([]), en: z.array(z.string().min(1)).default([]) }).default({}),
  definition: localized,
});
