import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW, resolveView, searchWithView, viewFromSearch, viewFromStorage, visibleRenditions, zhChoiceApplies } from '../../src/lib/view-state';

describe('view state from the URL', () => {
  it('reads r and l', () => {
    expect(viewFromSearch('?r=free&l=en')).toMatchObject({ r: 'free', l: 'en' });
  });
  it('ignores unknown values and hostile input', () => {
    expect(viewFromSearch('?r=<script>&l=fr')).toEqual({});
    expect(viewFromSearch('r=%22%3E')).toEqual({});
  });
  it('treats r=en (a search hit in English) as a wish to see English', () => {
    expect(resolveView('?r=en', JSON.stringify({ r: 'free', l: 'zh' }))).toEqual({ r: 'free', l: 'both' });
    expect(resolveView('?r=en', null)).toEqual(DEFAULT_VIEW);
  });
  it('shows Chinese when the URL names a Chinese rendition but storage says English only', () => {
    expect(resolveView('?r=free', JSON.stringify({ l: 'en' }))).toEqual({ r: 'free', l: 'both' });
  });
  it('lets an explicit l in the URL win', () => {
    expect(resolveView('?r=free&l=en', null)).toEqual({ r: 'free', l: 'en' });
  });
});

describe('view state from storage', () => {
  it('falls back to the default on malformed JSON', () => {
    expect(viewFromStorage('{not json')).toEqual({});
    expect(resolveView('', '{not json')).toEqual(DEFAULT_VIEW);
  });
  it('URL beats storage, storage beats default', () => {
    expect(resolveView('?l=zh', JSON.stringify({ r: 'free', l: 'en' }))).toEqual({ r: 'free', l: 'zh' });
  });
});

describe('writing the view', () => {
  it('keeps other parameters', () => {
    const s = searchWithView('?q=%E6%9D%83%E9%87%8D&r=literal', { r: 'free', l: 'both' });
    const p = new URLSearchParams(s);
    expect(p.get('q')).toBe('权重');
    expect(p.get('r')).toBe('free');
    expect(p.get('l')).toBe('both');
  });
  it('round-trips', () => {
    for (const r of ['literal', 'free'] as const) for (const l of ['zh', 'en', 'both', 'compare'] as const) expect(resolveView(searchWithView('', { r, l }), null)).toEqual({ r, l });
  });
  it('lists visible renditions', () => {
    expect(visibleRenditions({ r: 'free', l: 'both' })).toEqual(['free', 'en']);
    expect(visibleRenditions({ r: 'literal', l: 'zh' })).toEqual(['literal']);
    expect(visibleRenditions({ r: 'literal', l: 'en' })).toEqual(['en']);
  });
});

describe('compare view (直译 ⇄ 意译)', () => {
  it('is read from the URL and from storage, and keeps the stored rendition', () => {
    expect(resolveView('?l=compare', JSON.stringify({ r: 'free', l: 'en' }))).toEqual({ r: 'free', l: 'compare' });
    expect(resolveView('', JSON.stringify({ r: 'literal', l: 'compare' }))).toEqual({ r: 'literal', l: 'compare' });
  });
  it('shows the literal and the free Chinese, and no English', () => {
    expect(visibleRenditions({ r: 'free', l: 'compare' })).toEqual(['literal', 'free']);
  });
  it('gives way to both languages when a link asks for English (a search hit in English)', () => {
    expect(resolveView('?r=en', JSON.stringify({ r: 'literal', l: 'compare' }))).toEqual({ r: 'literal', l: 'both' });
  });
  it('a Chinese rendition in the URL keeps the compare view, which shows it', () => {
    expect(resolveView('?r=free', JSON.stringify({ l: 'compare' }))).toEqual({ r: 'free', l: 'compare' });
  });
  it('the literal/free choice applies only where one Chinese rendition shows', () => {
    expect(zhChoiceApplies({ r: 'literal', l: 'zh' })).toBe(true);
    expect(zhChoiceApplies({ r: 'literal', l: 'both' })).toBe(true);
    expect(zhChoiceApplies({ r: 'literal', l: 'en' })).toBe(false);
    expect(zhChoiceApplies({ r: 'literal', l: 'compare' })).toBe(false);
  });
});
