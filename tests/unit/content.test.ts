import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadParts, rawParts, seedText } from './load-content';
import { parseSeed, marksFigure, normaliseSeedText } from '../../src/lib/seed';
import { alignmentProblems, RENDITIONS } from '../../src/lib/alignment';
import { partSchema } from '../../src/lib/schema';

const parts = loadParts();
const seed = parseSeed(seedText());

describe('seed copy', () => {
  it('is byte-identical to the shared seed when the shared folder is present', () => {
    let shared: string | null = null;
    try {
      shared = readFileSync('../shared/seed/000_ab445b9359c57aa7.txt', 'utf8');
    } catch {
      shared = null; // a clone without ../shared: the repository copy is the reference
    }
    if (shared !== null) expect(seedText()).toBe(shared);
  });
});

describe('seed fidelity', () => {
  it('every literal paragraph is the seed paragraph, verbatim (curly quotes, no **)', () => {
    for (const part of parts) {
      const lit = seed.filter((p) => p.part === part.part && p.rendition === 'literal');
      expect(part.paragraphs.map((p) => p.literal), part.part).toEqual(lit.map((p) => p.text));
    }
  });

  it('the FLAC/JPEG free rendition is the seed free rendition, verbatim', () => {
    const s00 = parts.find((p) => p.part === 's00')!;
    const free = seed.filter((p) => p.part === 's00' && p.rendition === 'free').map((p) => p.text);
    expect(s00.paragraphs.map((p) => p.free)).toEqual(free);
  });

  it('drops the stray "{" line and keeps the truncated last sentence as it is', () => {
    const all = parts.flatMap((p) => p.paragraphs);
    expect(all.some((p) => p.literal === '{')).toBe(false);
    expect(parts.at(-1)!.paragraphs.at(-1)!.literal!.endsWith('随机选择的权重计')).toBe(true);
  });

  it('normalisation only curls quotes and drops bold markers', () => {
    expect(normaliseSeedText('**Figure 1: **某"项"')).toBe('Figure 1: 某\u201C项\u201D');
  });
});

describe('alignment', () => {
  it('every part is aligned: ids in order, three non-empty renditions each', () => {
    for (const part of parts) expect(alignmentProblems(part), part.part).toEqual([]);
  });

  it('paragraph ids are unique across the site', () => {
    const ids = parts.flatMap((p) => p.paragraphs.map((q) => q.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('the schema rejects a paragraph without English, naming the paragraph', () => {
    const raw = structuredClone(rawParts().find((p) => p.file === 's05.mdx')!.data) as {
      paragraphs: Array<{ segments: Array<Record<string, unknown>> }>;
    };
    delete raw.paragraphs[6]!.segments[0]!.en;
    const result = partSchema.safeParse(raw);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('paragraph s05-p07: segment s05-p07-s1: rendition \\"en\\" is missing');
  });

  it('the schema rejects duplicated and out-of-order ids', () => {
    const raw = structuredClone(rawParts().find((p) => p.file === 's06.mdx')!.data) as { paragraphs: Array<Record<string, unknown>> };
    raw.paragraphs[2]!.id = 's06-p02';
    const problems = alignmentProblems(raw as never);
    expect(problems.some((m) => m.includes('duplicate id'))).toBe(true);
    expect(problems.some((m) => m.includes('expected id s06-p03'))).toBe(true);
  });
});

describe('figure slots', () => {
  it('every paragraph ending in "：" and the caption line "猫" has a figure slot', () => {
    for (const part of parts) {
      const withFigure = new Set(part.figures.map((f) => f.para));
      for (const p of part.paragraphs) {
        if (marksFigure(p.literal!) || p.literal === '猫') expect(withFigure.has(p.id), p.id).toBe(true);
      }
    }
  });

  it('figures have captions and descriptions in both languages and unique ids', () => {
    const figs = parts.flatMap((p) => p.figures);
    expect(new Set(figs.map((f) => f.id)).size).toBe(figs.length);
    for (const f of figs) for (const k of ['zh', 'en'] as const) expect(f.caption[k]!.length * f.description[k]!.length, f.id).toBeGreaterThan(0);
  });

  it('free and English renditions of a figure-introducing paragraph also introduce it', () => {
    for (const part of parts) {
      for (const p of part.paragraphs) {
        if (!marksFigure(p.literal!)) continue;
        expect(p.free!.endsWith('：'), `${p.id} free`).toBe(true);
        expect(p.en!.endsWith(':'), `${p.id} en`).toBe(true);
      }
    }
  });

  it('renditions contain no markdown bold markers or straight double quotes in Chinese', () => {
    for (const part of parts) {
      for (const p of part.paragraphs) {
        for (const r of RENDITIONS) expect(p[r]!.includes('**'), `${p.id} ${r}`).toBe(false);
        expect(/"/.test(p.literal! + p.free!), p.id).toBe(false);
      }
    }
  });
});
