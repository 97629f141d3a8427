/**
 * Search query normalisation: folding (case, full width, diacritics, white
 * space), traditional → simplified through opencc-js, and what hostile or
 * degenerate input turns into.
 */
import { describe, expect, it } from 'vitest';
import { findRanges, fold, foldWithMap } from '../../src/lib/search/fold';
import { MAX_QUERY_CHARS, parseQuery, phraseQuery, splitAtScriptChange, tokenRuns } from '../../src/lib/search/query';
import { simplifiedVariants } from '../../src/lib/search/convert';

describe('fold', () => {
  it('folds full-width Latin letters and digits to ASCII and lower case', () => {
    expect(fold('ＲｅＬＵ')).toBe('relu');
    expect(fold('ＣｈａｔＧＰＴ １９９８')).toBe('chatgpt 1998');
  });
  it('drops diacritics and collapses white space', () => {
    expect(fold('Poincaré  \n\t map')).toBe('poincare map');
    expect(fold('e\u0301')).toBe('e');
  });
  it('leaves Chinese characters alone and maps full-width punctuation to ASCII', () => {
    expect(fold('神经网络，权重（weight）')).toBe('神经网络,权重(weight)');
  });
  it('maps folded offsets back to the original', () => {
    const original = 'Ａ  ＲｅＬＵ 激活';
    const f = foldWithMap(original);
    expect(f.text).toBe('a relu 激活');
    const [r] = findRanges(f, ['relu']);
    expect(original.slice(r!.start, r!.end)).toBe('ＲｅＬＵ');
    const [c] = findRanges(f, ['激活']);
    expect(original.slice(c!.start, c!.end)).toBe('激活');
  });
  it('merges overlapping hits', () => {
    const f = foldWithMap('神经网络的神经');
    expect(findRanges(f, ['神经网络', '神经'])).toEqual([
      { start: 0, end: 4 },
      { start: 5, end: 7 },
    ]);
  });
});

describe('parseQuery', () => {
  it('splits Chinese typed against English (no space, as an input method leaves it) into two words', () => {
    expect(splitAtScriptChange('权重weights')).toEqual(['权重', 'weights']);
    expect(splitAtScriptChange('relu函数')).toEqual(['relu', '函数']);
    expect(splitAtScriptChange('神经网络')).toEqual(['神经网络']);
    expect(splitAtScriptChange('[权重]')).toEqual(['[权重]']);
    expect(splitAtScriptChange('权重-weights')).toEqual(['权重-weights']);
    expect(parseQuery('权重weights').words).toEqual(['权重', 'weights']);
    expect(parseQuery('weights权重').words).toEqual(['weights', '权重']);
    expect(parseQuery('权重weights').runs.map((r) => r.join(''))).toEqual(['权重', 'weights']);
    // A quoted phrase stays as typed.
    expect(parseQuery('"权重weights"').words).toEqual(['权重weights']);
  });

  it('drops zero-width characters pasted inside a word', () => {
    expect(parseQuery('weig\u200Bhts').words).toEqual(['weights']);
    expect(parseQuery('\uFEFF权重').words).toEqual(['权重']);
    expect(parseQuery('\u200B').status).toBe('empty');
  });

  it('splits words at spaces and tokens at punctuation', () => {
    const q = parseQuery('  ReLU   激活函数 ');
    expect(q.status).toBe('ok');
    expect(q.text).toBe('relu 激活函数');
    expect(q.words).toEqual(['relu', '激活函数']);
    expect(q.runs).toEqual([['r', 'e', 'l', 'u'], ['激', '活', '函', '数']]);
    expect(tokenRuns('f(x)=max')).toEqual([['f'], ['x'], ['m', 'a', 'x']]);
  });
  it('folds full-width queries', () => {
    expect(parseQuery('ＲｅＬＵ').words).toEqual(['relu']);
  });
  it('quotes each run for an exact Pagefind phrase', () => {
    expect(phraseQuery(['权', '重'])).toBe('"权 重"');
  });
  it('reports empty, punctuation-only and too-long input instead of searching', () => {
    expect(parseQuery('').status).toBe('empty');
    expect(parseQuery('   \n ').status).toBe('empty');
    for (const p of ['"', '\\', '。', '……', '()', '.*', '$^', '“”', '<>', '!!!']) expect(parseQuery(p).status, p).toBe('no-terms');
    expect(parseQuery('权'.repeat(MAX_QUERY_CHARS)).status).toBe('ok');
    expect(parseQuery('权'.repeat(MAX_QUERY_CHARS + 1)).status).toBe('too-long');
    const huge = parseQuery('x'.repeat(10_000));
    expect(huge.status).toBe('too-long');
    expect(huge.runs).toEqual([]);
  });
  it('treats hostile input as literal text', () => {
    const q = parseQuery('<script>alert(1)</script>');
    expect(q.status).toBe('ok');
    expect(q.words).toEqual(['<script>alert(1)</script>']);
    expect(q.runs.map((r) => r.join(''))).toEqual(['script', 'alert', '1']);
    for (const run of q.runs) expect(phraseQuery(run)).toMatch(/^"[a-z0-9 ]+"$/);
    expect(parseQuery('a.*b').runs).toEqual([['a'], ['b']]);
    expect(parseQuery('(a|b)+').words).toEqual(['(a|b)+']);
  });
});

describe('traditional → simplified (opencc-js)', () => {
  it('converts the issue’s examples', () => {
    expect(simplifiedVariants('神經網絡')).toContain('神经网络');
    expect(simplifiedVariants('權重')).toContain('权重');
    expect(simplifiedVariants('激活函數')).toContain('激活函数');
  });
  it('converts Taiwan phrases too', () => {
    expect(simplifiedVariants('神經網路')).toContain('神经网络');
  });
  it('offers nothing for text without Han characters or already simplified', () => {
    expect(simplifiedVariants('activation function')).toEqual([]);
    expect(simplifiedVariants('权重')).toEqual([]);
  });
});
