import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadParts, rawParts, seedText } from './load-content';
import { parseSeed, marksFigure, normaliseSeedText, seedTexts } from '../../src/lib/seed';
import { alignmentProblems, joinSegments, RENDITIONS, segmentProblems, sentenceEnds, type ParagraphData } from '../../src/lib/alignment';
import { makePartSchema, partSchema } from '../../src/lib/schema';

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
  it('every paragraph\'s literal segments joined are the seed paragraph, verbatim (curly quotes, no **)', () => {
    for (const part of parts) {
      const lit = seed.filter((p) => p.part === part.part && p.rendition === 'literal');
      expect(part.paragraphs.map((p) => p.segments.map((s) => s.literal).join('')), part.part).toEqual(lit.map((p) => p.text));
    }
  });

  it('the FLAC/JPEG free segments joined are the seed free rendition, verbatim', () => {
    const s00 = parts.find((p) => p.part === 's00')!;
    const free = seed.filter((p) => p.part === 's00' && p.rendition === 'free').map((p) => p.text);
    expect(s00.paragraphs.map((p) => p.segments.map((s) => s.free).join(''))).toEqual(free);
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

describe('segments', () => {
  const seedByPart = seedTexts(seedText());
  const rawPart = (file: string) =>
    structuredClone(rawParts().find((p) => p.file === file)!.data) as { part: string; paragraphs: ParagraphData[] & Array<{ segments: Array<Record<string, string>> }> };

  it('every part passes every rule, the seed-fidelity rule included', () => {
    for (const part of parts) expect(alignmentProblems(part, seedByPart), part.part).toEqual([]);
  });

  it('segment ids are sNN-pNN-sK, K from 1 in order, and every segment has all three renditions', () => {
    for (const part of parts) {
      for (const p of part.paragraphs) {
        p.segments.forEach((s, k) => {
          expect(s.id).toBe(`${p.id}-s${k + 1}`);
          for (const r of RENDITIONS) expect(s[r].trim().length, `${s.id} ${r}`).toBeGreaterThan(0);
        });
        expect(p.en).toBe(p.segments.map((s) => s.en).join(' '));
      }
    }
  });

  it('sentence ends: a mark run with its closing quotes counts once; ellipses and "w . x" do not count', () => {
    expect(sentenceEnds('给自己看一张猫的图片，并问自己“那为什么是猫？”。也许是。')).toBe(2);
    expect(sentenceEnds('输入x = {x1, x2 ...}，计算f[w . x + b]。')).toBe(1);
    expect(sentenceEnds('It has ears, and... But. Yes! Why? Ok')).toBe(3);
    expect(sentenceEnds('Figure 1: 某项关键技术的发展轨迹分析图')).toBe(0);
  });

  it('rejects a segment without a rendition, naming the segment', () => {
    const raw = rawPart('s05.mdx');
    delete raw.paragraphs[27]!.segments[2]!.free;
    expect(alignmentProblems(raw as never)).toContain('paragraph s05-p28: segment s05-p28-s3: rendition "free" is missing');
  });

  it('rejects an empty (white-space) segment', () => {
    const raw = rawPart('s06.mdx');
    raw.paragraphs[0]!.segments[1]!.en = '  ';
    expect(alignmentProblems(raw as never)).toContain('paragraph s06-p01: segment s06-p01-s2: rendition "en" is missing');
  });

  it('rejects a segment with leading or trailing space (English segments are joined by one space)', () => {
    const raw = rawPart('s06.mdx');
    raw.paragraphs[0]!.segments[1]!.en = ' ' + raw.paragraphs[0]!.segments[1]!.en;
    expect(alignmentProblems(raw as never).some((m) => m.includes('segment s06-p01-s2: rendition "en" has leading/trailing white space'))).toBe(true);
  });

  it('rejects literal segments whose join differs from the seed by one character, in the build schema too', () => {
    const raw = rawPart('s05.mdx');
    const seg = raw.paragraphs[6]!.segments[1]!;
    seg.literal = seg.literal!.replace('更接近于1', '更接近1');
    expect(alignmentProblems(raw as never, seedByPart).some((m) => m.startsWith('paragraph s05-p07: literal segments joined differ from the seed'))).toBe(true);
    expect(alignmentProblems(raw as never)).toEqual([]); // without the seed the rule is not applied…
    const result = makePartSchema(seedByPart).safeParse(raw); // …and the build's schema applies it
    expect(result.success).toBe(false);
  });

  it('rejects a moved segment boundary that drops or doubles literal text', () => {
    const raw = rawPart('s06.mdx');
    const segs = raw.paragraphs[3]!.segments;
    segs[1]!.literal = segs[1]!.literal + segs[2]!.literal!.slice(0, 2); // two characters now appear twice
    expect(alignmentProblems(raw as never, seedByPart).some((m) => m.includes('s06-p04: literal segments joined differ'))).toBe(true);
  });

  it('rejects a change to the seed\'s own free rendition of s00', () => {
    const raw = rawPart('s00.mdx');
    raw.paragraphs[1]!.segments[0]!.free = raw.paragraphs[1]!.segments[0]!.free!.replace('科技巨头们', '科技巨头');
    expect(alignmentProblems(raw as never, seedByPart).some((m) => m.startsWith('paragraph s00-p02: free segments joined differ'))).toBe(true);
  });

  it('rejects too few segments for the sentences, unless a segmentNote says why', () => {
    const raw = rawPart('s05.mdx');
    const p = raw.paragraphs[27]!; // s05-p28: 8 sentences
    const merged = { literal: joinSegments(p.segments, 'literal'), free: joinSegments(p.segments, 'free'), en: joinSegments(p.segments, 'en') };
    p.segments = [merged];
    expect(segmentProblems(p)).toEqual(['paragraph s05-p28: literal has 8 sentence ends but only 1 segment(s); split it into at least 4 or give a segmentNote']);
    p.segmentNote = 'kept whole for the test';
    expect(segmentProblems(p)).toEqual([]);
  });

  it('every paragraph with more sentences than segments is the n:m kind: no paragraph is left as one unsplit block', () => {
    for (const part of parts) {
      for (const p of part.paragraphs) {
        if (p.kind === 'caption') continue;
        expect(p.segments.length, p.id).toBeGreaterThanOrEqual(Math.ceil(sentenceEnds(p.literal) / 2));
      }
    }
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
