/**
 * Mixed-language queries, without a browser (the browser half is in
 * tests/e2e/search-mixed.test.ts): a query's words are matched per paragraph
 * across its renditions; the renditions that hold them are grouped into one
 * result that shows each with its hits; pinyin words beside English words;
 * the benchmark's ground truth for such paragraphs.
 */
import { describe, expect, it } from 'vitest';
import { parseQuery } from '../../src/lib/search/query';
import { foldWithMap } from '../../src/lib/search/fold';
import { matchSomeWords, matchText } from '../../src/lib/search/match';
import { loadLexicon, morphAlternatives, pinyinWordReadings } from '../../src/lib/search/lexicon';
import { complements, groupHits } from '../../src/lib/search/group';
import { groupHighlight, renderResults, type SearchHit, type SearchOutcome } from '../../src/lib/search/render';
import { buildLexicon } from '../../scripts/search/lexicon';
import { expectedSplitKeys, foldRecords, vocabularyOf } from '../../src/lib/search/ground-truth';
import type { TextRecord } from '../../src/lib/search/records';

const records: TextRecord[] = [
  { part: 's05', slug: 'neural-nets', para: 's05-p01', rendition: 'literal', text: '我们训练权重。' },
  { part: 's05', slug: 'neural-nets', para: 's05-p01', rendition: 'free', text: '我们调整权重。' },
  { part: 's05', slug: 'neural-nets', para: 's05-p01', rendition: 'en', text: 'We train the weights.' },
  { part: 's05', slug: 'neural-nets', para: 's05-p02', rendition: 'literal', text: '神经元很多。' },
  { part: 's05', slug: 'neural-nets', para: 's05-p02', rendition: 'en', text: 'Many weights here.' },
  { part: 's05', slug: 'neural-nets', para: 's05-p03', rendition: 'literal', text: '权重与 weights 同在。' },
  { part: 's05', slug: 'neural-nets', para: 's05-p03', rendition: 'en', text: 'Weights and weights.' },
];
const lex = loadLexicon(buildLexicon(records));

/** A partial hit, as the engine makes it for a rendition holding some of the words. */
function partial(rec: TextRecord, q: string): SearchHit {
  const query = parseQuery(q);
  for (const w of query.words) query.alts[w] = morphAlternatives(w, lex);
  const m = matchSomeWords(foldWithMap(rec.text), query);
  return { ...rec, exact: false, ranges: m.ranges, matchedQuery: query.text, words: m.words, seg: null };
}

describe('words held per rendition', () => {
  it('finds which words of the query a text holds, with their hits', () => {
    const q = parseQuery('权重 weights');
    expect(matchText(foldWithMap('我们训练权重。'), q)).toBeNull();
    const zh = matchSomeWords(foldWithMap('我们训练权重。'), q);
    expect(zh.words).toEqual(['权重']);
    expect(zh.ranges).toEqual([{ start: 4, end: 6 }]);
    const en = matchSomeWords(foldWithMap('We train the weights.'), q);
    expect(en.words).toEqual(['weights']);
    expect(matchSomeWords(foldWithMap('无关。'), q)).toEqual({ words: [], ranges: [] });
  });
  it('uses the other English forms at the start of a word', () => {
    const q = parseQuery('权重 weight');
    q.alts = { weight: ['weights'] };
    expect(matchSomeWords(foldWithMap('Weighted sums.'), q).words).toEqual(['weight']);
  });
});

describe('split results', () => {
  it('show the primary rendition with the rendition that holds the other word, both marked', () => {
    const hits = records.filter((r) => r.para === 's05-p01').map((r) => partial(r, '权重 weights'));
    const [g] = groupHits(hits, { r: 'literal', l: 'both' });
    expect(g!.split).toBe(true);
    expect(g!.primary.rendition).toBe('literal');
    expect(g!.counterpart?.rendition).toBe('en');
    expect(g!.counterpart?.ranges.length).toBeGreaterThan(0);
    expect(g!.more).toEqual([]);
    const html = renderResults({ status: 'ok', typed: '权重 weights', hits, groups: [g!], terms: [], convertedTo: [] } as SearchOutcome, [], 't');
    expect(html).toContain('<mark>权重</mark>');
    expect(html).toContain('<mark>weights</mark>');
    expect(html).toContain('data-result-renditions="literal free en"');
    expect(html).toContain('sr-split');
    expect(html).toContain('words in different renditions');
    expect(html).toContain('词分布在不同译文中');
    // The page marks both words on arrival.
    expect(groupHighlight(g!).split(' ').sort()).toEqual(['weights', '权重']);
  });
  it('an English-only view shows English first and the Chinese under it', () => {
    const hits = records.filter((r) => r.para === 's05-p01').map((r) => partial(r, '权重 weights'));
    const [g] = groupHits(hits, { r: 'free', l: 'en' });
    expect(g!.primary.rendition).toBe('en');
    expect(g!.counterpart?.rendition).toBe('free');
  });
  it('take as many renditions as the words need', () => {
    const three = [
      { ...partial(records[0]!, '训练 调整 weights') },
      { ...partial(records[1]!, '训练 调整 weights') },
      { ...partial(records[2]!, '训练 调整 weights') },
    ];
    const primary = three[0]!;
    expect(complements(primary, three, { r: 'literal', l: 'both' }).map((h) => h.rendition).sort()).toEqual(['en', 'free']);
  });
  it('a paragraph whose rendition holds every word is a whole match, not a split one', () => {
    const q = parseQuery('权重 weights');
    expect(matchText(foldWithMap(records[5]!.text), q)).not.toBeNull();
    const [g] = groupHits([{ ...records[5]!, exact: false, ranges: [], matchedQuery: q.text, seg: null }], { r: 'literal', l: 'both' });
    expect(g!.split).toBe(false);
  });
});

describe('pinyin words beside other words', () => {
  it('reads the pinyin words and keeps the English ones', () => {
    const readings = pinyinWordReadings(['quanzhong', 'weights'], lex);
    expect(readings[0]).toEqual({ text: '权重 weights', read: ['quanzhong'] });
    expect(pinyinWordReadings(['quanzhong', '神经元'], lex)[0]?.text).toBe('权重 神经元');
    // English words of the text and single syllables are not pinyin; one word is the whole-query case.
    expect(pinyinWordReadings(['train', 'weights'], lex)).toEqual([]);
    expect(pinyinWordReadings(['quanzhong'], lex)).toEqual([]);
  });
});

describe('ground truth for split paragraphs', () => {
  it('lists every rendition holding a word, only where no rendition holds all', () => {
    const folded = foldRecords(records);
    const keys = expectedSplitKeys(folded, '权重 weights', vocabularyOf(folded));
    expect([...keys].sort()).toEqual(['s05-p01/en', 's05-p01/free', 's05-p01/literal']);
    expect(expectedSplitKeys(folded, '神经元 weights').has('s05-p02/literal')).toBe(true);
    expect(expectedSplitKeys(folded, 'weights').size).toBe(0);
  });
});
