/**
 * Figure captions and descriptions: the Chinese and English say the same
 * thing (checked mechanically: the same numbers, and every Latin-script
 * token of the Chinese — ReLU, MNIST, x, w1… — also in the English), and the
 * counts they state are the site's models' counts (public/models/manifest.json).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadParts } from './load-content';

const parts = loadParts();
const figures = parts.flatMap((p) => p.figures);
const manifest = JSON.parse(readFileSync('public/models/manifest.json', 'utf8')) as {
  models: Record<string, { neurons: number; architecture: Array<{ name: string; outputShape: number[] }> }>;
};

/** The numbers in a text, digit grouping removed ("2,190" → "2190"), sorted. */
function numbers(text: string): string[] {
  return [...text.replace(/(\d),(?=\d{3}\b)/g, '$1').matchAll(/\d+(?:\.\d+)?/g)].map((m) => m[0]).sort();
}

/** Latin-script words of the Chinese text missing from the English one (case-insensitive, whole words). */
function latinNotInEnglish(zh: string, en: string): string[] {
  const words = new Set(en.toLowerCase().match(/[a-z][a-z0-9]*/g) ?? []);
  return [...new Set(zh.match(/[A-Za-z][A-Za-z0-9]*/g) ?? [])].filter((w) => !words.has(w.toLowerCase()));
}

/** Everything that breaks zh/en parity in one caption or description. */
function parityProblems(zh: string, en: string): string[] {
  const out: string[] = [];
  const a = numbers(zh).join(' ');
  const b = numbers(en).join(' ');
  if (a !== b) out.push(`numbers differ: zh [${a}] en [${b}]`);
  const latin = latinNotInEnglish(zh, en);
  if (latin.length) out.push(`zh has ${latin.join(', ')}, en does not`);
  return out;
}

describe('figure text parity', () => {
  it('every caption and description says the same numbers and names in Chinese and English', () => {
    expect(figures.length).toBeGreaterThanOrEqual(23); // the 23 slots of the source plus the site's own additions
    const bad = figures.flatMap((f) =>
      (['caption', 'description'] as const).flatMap((k) => parityProblems(f[k].zh!, f[k].en!).map((m) => `${f.id} ${k}: ${m}`)),
    );
    expect(bad).toEqual([]);
  });

  it('rejects a pair whose numbers or names differ', () => {
    expect(parityProblems('共有 49 个神经元', 'It has 48 neurons')).toEqual(['numbers differ: zh [49] en [48]']);
    expect(parityProblems('原文的网络有2190个', 'the text’s has 2,190')).toEqual([]);
    expect(parityProblems('斜坡函数（ReLU）', 'the ramp function')).toEqual(['zh has ReLU, en does not']);
    expect(parityProblems('1000、3000和10000步', 'after 1,000, 3,000 and 10,000 steps')).toEqual([]);
  });
});

describe('figure descriptions state the site’s own models', () => {
  const fig = (id: string) => figures.find((f) => f.id === id)!;
  const shape = (model: string, layer: string) => manifest.models[model]!.architecture.find((l) => l.name === layer)!.outputShape;

  it('digits-network gives this site’s neuron count and the text’s 2,190 for the 1998 network', () => {
    const d = fig('digits-network').description;
    for (const text of [d.zh!, d.en!]) {
      expect(numbers(text)).toContain(String(manifest.models.digits!.neurons));
      expect(numbers(text)).toContain('2190');
      expect(numbers(text)).toContain('1998');
    }
  });

  it('fit1d-network and nearest-net-diagram give their networks’ neuron counts', () => {
    expect(numbers(fig('fit1d-network').description.en!)).toContain(String(manifest.models.fit1d!.neurons));
    expect(numbers(fig('nearest-net-diagram').description.en!)).toContain(String(manifest.models['nearest-17']!.neurons));
  });

  it('the cat/dog layer figures give the channel counts and sizes of layers 1 and 10', () => {
    const [, w1, c1] = shape('catdog', 'conv1');
    const [h10, , c10] = shape('catdog', 'relu4');
    expect(numbers(fig('catdog-layer1').description.en!)).toEqual(expect.arrayContaining([String(c1), String(w1)]));
    expect(numbers(fig('catdog-layer10').description.en!)).toEqual(expect.arrayContaining([String(c10), String(h10)]));
  });

  it('nearest-sizes names the smallest and largest gallery networks', () => {
    const counts = ['nearest-4', 'nearest-267'].map((n) => String(manifest.models[n]!.neurons));
    expect(numbers(fig('nearest-sizes').description.en!)).toEqual(expect.arrayContaining(counts));
  });
});
