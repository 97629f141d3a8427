/**
 * Search beyond substrings (issue 15), without a browser: quoted phrases,
 * English word forms from the lexicon, pinyin readings, grouping by
 * paragraph and the rendition a result shows first.
 */
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/lib/search/query';
import { foldWithMap } from '../../src/lib/search/fold';
import { matchText } from '../../src/lib/search/match';
import { hasTones, loadLexicon, morphAlternatives, pinyinQueryKey, pinyinReadings } from '../../src/lib/search/lexicon';
import { counterpartRendition, groupHits, SEARCH_DEFAULT_VIEW, segmentText, shownRenditions } from '../../src/lib/search/group';
import { highlightText, renderResults, renderStatus, type SearchHit, type SearchOutcome } from '../../src/lib/search/render';
import { buildLexicon } from '../../scripts/search/lexicon';
import { DEFAULT_VIEW, visibleRenditions, type ViewState } from '../../src/lib/view-state';
import type { TextRecord } from '../../src/lib/search/records';

const records: TextRecord[] = [
  { part: 's05', slug: 'neural-nets', para: 's05-p01', rendition: 'literal', text: '我们用神经网络训练权重。' },
  { part: 's05', slug: 'neural-nets', para: 's05-p01', rendition: 'en', text: 'We train the weights of neural networks.' },
  { part: 's05', slug: 'neural-nets', para: 's05-p02', rendition: 'literal', text: '长的龙。' },
  { part: 's05', slug: 'neural-nets', para: 's05-p02', rendition: 'en', text: 'A long dragon, and men; the net was trained, training it.' },
];
const lex = loadLexicon(buildLexicon(records));

describe('quoted phrases', () => {
  it('are one word without their quotes, straight or curly', () => {
    for (const q of ['"neural net"', '“neural net”', '"neural net']) {
      const p = parseQuery(q);
      expect(p.status).toBe('ok');
      expect(p.words).toEqual(['neural net']);
      expect(p.phrases).toEqual(['neural net']);
      expect(p.text).toBe('neural net');
    }
    expect(parseQuery('"weights" 权重').words).toEqual(['weights', '权重']);
    expect(parseQuery('"').status).toBe('no-terms');
  });
  it('match only as typed', () => {
    const f = foldWithMap('Neural networks learn.');
    expect(matchText(f, parseQuery('"neural net"'))).not.toBeNull();
    expect(matchText(f, parseQuery('"neural nets"'))).toBeNull();
  });
});

describe('English word forms', () => {
  it('come from the text and share the Porter stem', () => {
    expect(morphAlternatives('training', lex).sort()).toEqual(['train', 'trained']);
    expect(morphAlternatives('nets', lex)).toEqual(['net']);
    expect(morphAlternatives('an', lex)).toEqual([]);
  });
  it('match at the start of a word', () => {
    const q = parseQuery('Neural Nets');
    q.alts = { nets: morphAlternatives('nets', lex) };
    expect(matchText(foldWithMap('Neural networks learn.'), q)).not.toBeNull();
    expect(matchText(foldWithMap('Neural magnet.'), q)).toBeNull();
  });
});

describe('pinyin', () => {
  it('folds tones, ü and spaces', () => {
    expect(pinyinQueryKey('shénjīng wǎngluò')).toBe('shenjingwangluo');
    expect(pinyinQueryKey('lǜ')).toBe('lv');
    expect(pinyinQueryKey('shen2jing1')).toBe('shenjing');
    expect(pinyinQueryKey('neural 网')).toBe('');
    expect(hasTones('wǎngluò')).toBe(true);
    expect(hasTones('wang3luo4')).toBe(true);
    expect(hasTones('wangluo')).toBe(false);
  });
  it('reads toneless, toned and joined spellings as the text’s words', () => {
    for (const q of ['shenjing wangluo', 'shénjīng wǎngluò', 'shenjingwangluo', 'SHENJING WANGLUO']) expect(pinyinReadings(q, lex)).toContain('神经网络');
    expect(pinyinReadings('quanzhong', lex)).toContain('权重');
  });
  it('leaves English words of the text and single syllables alone', () => {
    for (const q of ['long', 'men', 'an', 'net']) expect(pinyinReadings(q, lex)).toEqual([]);
    expect(pinyinReadings('lóng', lex)).toContain('龙'); // tone marks say it is pinyin
  });
});

const hit = (para: string, rendition: SearchHit['rendition'], text: string, q: string, seg: string | null = null): SearchHit => ({
  part: 's05', slug: 'neural-nets', para, rendition, text, exact: true, ranges: [{ start: text.indexOf(q), end: text.indexOf(q) + q.length }], matchedQuery: q, seg,
});

describe('grouping', () => {
  it('agrees with view-state on what a view shows', () => {
    expect(SEARCH_DEFAULT_VIEW).toEqual(DEFAULT_VIEW);
    for (const r of ['literal', 'free'] as const) for (const l of ['zh', 'en', 'both', 'compare'] as const) expect(shownRenditions({ r, l })).toEqual(visibleRenditions({ r, l }));
  });
  it('gives one result per paragraph, the reader’s rendition first', () => {
    const hits = [hit('s05-p01', 'free', '权重在这', '权重'), hit('s05-p01', 'literal', '权重', '权重'), hit('s05-p02', 'free', '只有权重', '权重')];
    const view: ViewState = { r: 'literal', l: 'both' };
    const groups = groupHits(hits, view);
    expect(groups.map((g) => g.para)).toEqual(['s05-p01', 's05-p02']);
    expect(groups[0]!.primary.rendition).toBe('literal');
    expect(groups[0]!.elsewhere).toBe(false);
    expect(groups[1]!.primary.rendition).toBe('free');
    expect(groups[1]!.elsewhere).toBe(true);
    const html = renderResults({ status: 'ok', typed: '权重', hits, groups, terms: [], convertedTo: [] } as SearchOutcome, [], 't');
    expect(html.match(/data-result-para=/g)).toHaveLength(2);
    expect(html).toContain('data-result-renditions="literal free"');
    expect(html).toContain('&#38;only=free');
    expect(html).toContain('只在意译中');
  });
  it('pairs English with the reader’s Chinese and Chinese with English (or the other Chinese in compare)', () => {
    expect(counterpartRendition('en', { r: 'free', l: 'both' })).toBe('free');
    expect(counterpartRendition('literal', { r: 'literal', l: 'both' })).toBe('en');
    expect(counterpartRendition('literal', { r: 'literal', l: 'compare' })).toBe('free');
    expect(segmentText('甲。 乙。', [0, 3], 1)).toEqual({ text: '乙。', offset: 3 });
  });
  it('highlights what was hit, and suggests other spellings when nothing is', () => {
    expect(highlightText('Trained and training.', [{ start: 0, end: 7 }, { start: 12, end: 20 }], 'training')).toBe('training trained');
    const none = renderStatus({ status: 'ok', typed: 'qzx', hits: [], groups: [], terms: [], convertedTo: [] });
    expect(none).toContain('拼音');
    expect(none).toContain('pinyin');
  });
  it('a query read as pinyin without tones links to its English reading (quoted), escaped', () => {
    const hit = { para: 's05-p01', rendition: 'literal' } as SearchOutcome['hits'][number];
    const read = (asTyped?: string, typed = 'women', asTypedCount: number | undefined = 3) =>
      renderStatus({ status: 'ok', typed, hits: [hit], groups: [], terms: [], convertedTo: [], pinyinTo: ['我们'], asTyped, asTypedCount });
    expect(read('"women"')).toContain('<a href="/search/?q=%22women%22" class="sr-as-typed" data-search-as="&#34;women&#34;" data-search-as-count="3">');
    expect(read('"women"')).toContain('Search “women” as English instead (3 ¶)');
    expect(read('"women"')).toContain('改为按英文搜索“women”（3 段）');
    expect(read()).not.toContain('data-search-as');
    // Not offered when reading it as English finds nothing.
    expect(read('"women"', 'women', 0)).not.toContain('data-search-as');
    const hostile = read('"<b>x"', '<b>x');
    expect(hostile).not.toContain('<b>');
    // `$&` in a query is text, not a replacement pattern.
    expect(read('"a$&b"', 'a$&b')).toContain('“a$&#38;b”');
  });
});
