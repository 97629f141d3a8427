/**
 * Rendering a part as aligned segments: every rendition of every paragraph is
 * cut into the same segment ids, the text stays exact, and glossary term
 * marking (every use, first uses flagged) is the same as on the whole paragraph (whatever the segmentation).
 */
import { describe, expect, it } from 'vitest';
import { prepareReading, splitRuns } from '../../src/lib/reading';
import { markUses, type Term } from '../../src/lib/glossary';
import { RENDITIONS } from '../../src/lib/alignment';
import { loadGlossary, loadParts } from './load-content';

const parts = loadParts();
const terms = loadGlossary();
const runText = (runs: ReadonlyArray<{ text: string }>) => runs.map((r) => r.text).join('');

describe('splitRuns', () => {
  const weight: Term = { id: 'weight', zh: '权重', en: 'weight', definition: { zh: 'x', en: 'y' } };
  it('cuts Chinese runs at segment boundaries, keeping each term whole inside its segment', () => {
    const runs = markUses('甲乙。权重丙。丁', [weight], 'zh', new Set());
    const out = splitRuns(runs, [3, 4, 1], 0);
    expect(out.map(runText)).toEqual(['甲乙。', '权重丙。', '丁']);
    expect(out[1]!.find((r) => r.term)?.text).toBe('权重');
    expect(out[0]!.some((r) => r.term)).toBe(false);
  });
  it('drops the one-space separators between English segments', () => {
    const out = splitRuns([{ text: 'One weight. Two.' }], [11, 4], 1);
    expect(out.map(runText)).toEqual(['One weight.', 'Two.']);
  });
  it('keeps a boundary-crossing term marked once', () => {
    const out = splitRuns([{ text: '权重', term: weight }], [1, 1], 0);
    expect(out.flat().filter((r) => r.term).length).toBe(1);
    expect(out.map(runText)).toEqual(['权', '重']);
  });
  it('throws when the lengths do not match the text', () => {
    expect(() => splitRuns([{ text: 'abc' }], [1, 1], 0)).toThrow(/3 characters, segments 2/);
  });
});

describe('prepareReading on the real content', () => {
  for (const part of parts) {
    it(`${part.part}: every rendition has the paragraph's segment ids, exact text, and the same term marks as the whole paragraph`, () => {
      const { paragraphs } = prepareReading(part, terms);
      const marked = { literal: new Set<string>(), free: new Set<string>(), en: new Set<string>() };
      paragraphs.forEach((p, i) => {
        const src = part.paragraphs[i]!;
        for (const r of RENDITIONS) {
          expect(p.segments[r].map((s) => s.id)).toEqual(src.segments.map((s) => s.id));
          p.segments[r].forEach((s, k) => expect(runText(s.runs)).toBe(src.segments[k]![r]));
          const whole = p.kind === 'caption' ? [] : markUses(src[r], terms, r === 'en' ? 'en' : 'zh', marked[r]).filter((x) => x.term);
          const inSegments = p.segments[r].flatMap((s) => s.runs).filter((x) => x.term);
          expect(inSegments.map((x) => [x.term!.id, x.text, x.first])).toEqual(whole.map((x) => [x.term!.id, x.text, x.first]));
        }
      });
    });
  }
  it('a multi-segment paragraph, when the content has one, renders more than one segment', () => {
    const multi = parts.flatMap((p) => p.paragraphs).find((p) => p.segments.length >= 2);
    if (!multi) return; // content not yet split: nothing to check
    const part = parts.find((p) => multi.id.startsWith(p.part))!;
    const para = prepareReading(part, terms).paragraphs.find((p) => p.id === multi.id)!;
    expect(para.segments.literal.length).toBe(multi.segments.length);
    expect(para.segments.en.map((s) => s.id)).toEqual(multi.segments.map((_, k) => `${multi.id}-s${k + 1}`));
  });
});
