import { describe, expect, it } from 'vitest';
import { loadGlossary, loadParts } from './load-content';
import { glossaryUsages, markFirstUses, markUses, termForms, usesTerm, type Term } from '../../src/lib/glossary';
import { prepareReading } from '../../src/lib/reading';
import { UI_KEYS, t } from '../../src/lib/i18n';

const terms = loadGlossary();
const parts = loadParts();

describe('glossary content', () => {
  it('has at least 40 terms with unique ids, both languages and both definitions', () => {
    expect(terms.length).toBeGreaterThanOrEqual(40);
    expect(new Set(terms.map((t) => t.id)).size).toBe(terms.length);
    for (const term of terms) {
      expect(term.zh && term.en && term.definition.zh && term.definition.en, term.id).toBeTruthy();
    }
  });

  it('every term occurs in the Chinese renditions and its links resolve to existing paragraphs', () => {
    const usages = glossaryUsages(terms, parts);
    const ids = new Set(parts.flatMap((p) => p.paragraphs.map((q) => q.id)));
    for (const term of terms) {
      const zhHit = parts.some((p) => p.paragraphs.some((q) => usesTerm(q.literal!, term, 'zh') || usesTerm(q.free!, term, 'zh')));
      expect(zhHit, `${term.id} (${term.zh}) not in the Chinese text`).toBe(true);
      const uses = usages.get(term.id)!;
      expect(uses.length, term.id).toBeGreaterThan(0);
      for (const u of uses) expect(ids.has(u.id)).toBe(true);
    }
  });

  it('every headword and alias occurs, in its sense, in the renditions of its language', () => {
    const paras = parts.flatMap((p) => p.paragraphs);
    const missing: string[] = [];
    for (const term of terms) {
      for (const lang of ['zh', 'en'] as const) {
        for (const form of termForms(term, lang)) {
          const one: Term = { ...term, zh: form, en: form, aliases: {} };
          const found = paras.some((p) => (lang === 'zh' ? usesTerm(p.literal, one, 'zh') || usesTerm(p.free, one, 'zh') : usesTerm(p.en, one, 'en')));
          if (!found) missing.push(`${term.id}: ${lang} “${form}”`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('every exclusion phrase contains a form of its term and occurs in the renditions (no dead exclusions)', () => {
    const text = { zh: parts.flatMap((p) => p.paragraphs.flatMap((q) => [q.literal, q.free])).join('\n'), en: parts.flatMap((p) => p.paragraphs.map((q) => q.en)).join('\n').toLowerCase() };
    let n = 0;
    for (const term of terms) {
      for (const lang of ['zh', 'en'] as const) {
        for (const phrase of term.exclude?.[lang] ?? []) {
          n++;
          const { exclude: _, ...bare } = term;
          expect(usesTerm(phrase, bare, lang), `${term.id}: “${phrase}” has no form of the term`).toBe(true);
          expect(text[lang].includes(lang === 'en' ? phrase.toLowerCase() : phrase), `${term.id}: “${phrase}” not in the text`).toBe(true);
        }
      }
    }
    expect(n).toBeGreaterThan(0);
  });
});

describe('sense exclusions', () => {
  const example = terms.find((t) => t.id === 'example')!;
  const ai = terms.find((t) => t.id === 'artificial-intelligence')!;

  it('a form inside an exclusion phrase is not marked; the next use in the sense is', () => {
    const text = '下面是一些函数示例：……我们从示例中训练网络。';
    const segs = markFirstUses(text, [example], 'zh', new Set());
    const hit = segs.findIndex((s) => s.term);
    expect(segs.map((s) => s.text).join('')).toBe(text);
    expect(segs.slice(0, hit).map((s) => s.text).join('')).toBe('下面是一些函数示例：……我们从');
  });

  it('“AI” inside “OpenAI” is not the term; “AI 技术” is (s00-p02, literal)', () => {
    const s00p02 = parts.find((p) => p.part === 's00')!.paragraphs[1]!.literal;
    const segs = markFirstUses(s00p02, [ai], 'zh', new Set());
    const before = segs.slice(0, segs.findIndex((s) => s.term)).map((s) => s.text).join('');
    expect(before.endsWith('深度学习和 ')).toBe(true);
  });

  it('usesTerm ignores excluded uses, so “used in” links skip them', () => {
    expect(usesTerm('计算的一些函数示例：', example, 'zh')).toBe(false);
    expect(usesTerm('从示例中逐步训练', example, 'zh')).toBe(true);
    const s05p19 = parts.find((p) => p.part === 's05')!.paragraphs[18]!;
    expect(usesTerm(s05p19.literal, example, 'zh')).toBe(false);
  });

  it('the exclusions are data: the same term without them would mark the excluded phrase', () => {
    const { exclude: _, ...bare } = example;
    const segs = markFirstUses('下面是一些函数示例：从示例中', [bare], 'zh', new Set());
    expect(segs[0]!.text).toBe('下面是一些函数');
  });
});

describe('first-use markup', () => {
  const a: Term = { id: 'basin', zh: '吸引子盆地', en: 'basin of attraction', aliases: { en: ['basins of attraction'] }, definition: { zh: 'x', en: 'y' } };
  const b: Term = { id: 'attractor', zh: '吸引子', en: 'attractor', definition: { zh: 'x', en: 'y' } };

  it('keeps the text exactly and prefers the longer term at the same place', () => {
    const text = '划分区域（“吸引子盆地”）与吸引子';
    const marked = new Set<string>();
    const runs = markFirstUses(text, [b, a], 'zh', marked);
    expect(runs.map((s) => s.text).join('')).toBe(text);
    expect(runs.filter((s) => s.term).map((s) => s.term!.id)).toEqual(['basin', 'attractor']);
    expect(runs.find((s) => s.term?.id === 'attractor')!.text).toBe('吸引子');
    expect([...marked].sort()).toEqual(['attractor', 'basin']);
  });

  it('marks a term only once per rendition on a page', () => {
    const marked = new Set<string>(['attractor']);
    expect(markFirstUses('吸引子', [b], 'zh', marked).some((s) => s.term)).toBe(false);
  });

  it('matches English whole words, case-insensitively, longest alias first', () => {
    expect(termForms(a, 'en')[0]).toBe('basins of attraction');
    expect(usesTerm('Two Basins of Attraction meet', a, 'en')).toBe(true);
    expect(usesTerm('attractors', b, 'en')).toBe(false);
  });

  it('a whole part keeps every rendition text intact after markup', () => {
    const s05 = parts.find((p) => p.part === 's05')!;
    const { paragraphs } = prepareReading(s05, terms);
    for (const p of paragraphs) for (const r of ['literal', 'free', 'en'] as const) expect(p.segments[r].map((seg) => seg.runs.map((s) => s.text).join('')).join(r === 'en' ? ' ' : '')).toBe(p.text[r]);
    expect(paragraphs.flatMap((p) => p.segments.literal.flatMap((seg) => seg.runs)).filter((s) => s.term).length).toBeGreaterThan(20);
  });
});

describe('every-use markup (markUses)', () => {
  const a: Term = { id: 'basin', zh: '吸引子盆地', en: 'basin of attraction', aliases: { en: ['basins of attraction'] }, definition: { zh: 'x', en: 'y' } };
  const b: Term = { id: 'attractor', zh: '吸引子', en: 'attractor', definition: { zh: 'x', en: 'y' } };
  const example = terms.find((t) => t.id === 'example')!;

  it('marks every use, the longer term winning where they overlap, and flags only the first per page', () => {
    const text = '吸引子盆地里有吸引子，另一个吸引子。';
    const marked = new Set<string>(['attractor']);
    const runs = markUses(text, [b, a], 'zh', marked);
    expect(runs.map((s) => s.text).join('')).toBe(text);
    expect(runs.filter((s) => s.term).map((s) => [s.term!.id, s.text, s.first])).toEqual([
      ['basin', '吸引子盆地', true],
      ['attractor', '吸引子', false],
      ['attractor', '吸引子', false],
    ]);
    expect(markUses('吸引子盆地', [a], 'zh', marked).filter((s) => s.term).map((s) => s.first)).toEqual([false]);
  });

  it('skips uses inside exclusion phrases but marks the others', () => {
    const text = '一些函数示例：从示例中，再看示例。';
    const runs = markUses(text, [example], 'zh', new Set());
    const excludedPhrase = (example.exclude?.zh ?? []).find((p) => text.includes(p));
    expect(excludedPhrase).toBeTruthy();
    const uses = runs.filter((s) => s.term);
    expect(uses.length).toBe(2);
    expect(uses.map((s) => s.first)).toEqual([true, false]);
  });

  it('English: whole words, case-insensitive, the longest alias at a place', () => {
    const runs = markUses('Basins of attraction and one basin of attraction, not basinal.', [a], 'en', new Set());
    expect(runs.filter((s) => s.term).map((s) => s.text)).toEqual(['Basins of attraction', 'basin of attraction']);
  });
});

describe('interface strings', () => {
  it('exist in both languages', () => {
    for (const k of UI_KEYS) {
      expect(t(k).zh.trim(), k).not.toBe('');
      expect(t(k).en.trim(), k).not.toBe('');
    }
  });
});
