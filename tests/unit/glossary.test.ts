import { describe, expect, it } from 'vitest';
import { loadGlossary, loadParts } from './load-content';
import { glossaryUsages, markFirstUses, termForms, usesTerm, type Term } from '../../src/lib/glossary';
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

  it('every term occurs in the literal Chinese and its links resolve to existing paragraphs', () => {
    const usages = glossaryUsages(terms, parts);
    const ids = new Set(parts.flatMap((p) => p.paragraphs.map((q) => q.id)));
    for (const term of terms) {
      const literalHit = parts.some((p) => p.paragraphs.some((q) => usesTerm(q.literal!, term, 'zh')));
      expect(literalHit, `${term.id} (${term.zh}) not in the literal text`).toBe(true);
      const uses = usages.get(term.id)!;
      expect(uses.length, term.id).toBeGreaterThan(0);
      for (const u of uses) expect(ids.has(u.id)).toBe(true);
    }
  });

  it('most English terms occur in the English rendition', () => {
    const found = terms.filter((term) => parts.some((p) => p.paragraphs.some((q) => usesTerm(q.en!, term, 'en'))));
    expect(found.length / terms.length).toBeGreaterThan(0.8);
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

describe('interface strings', () => {
  it('exist in both languages', () => {
    for (const k of UI_KEYS) {
      expect(t(k).zh.trim(), k).not.toBe('');
      expect(t(k).en.trim(), k).not.toBe('');
    }
  });
});
