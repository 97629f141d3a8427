/**
 * Search results: checking candidates, excerpts (escaped, hits marked),
 * result links, glossary entries and the ground truth the benchmark uses.
 */
import { groupHits } from '../../src/lib/search/group';
import { DEFAULT_VIEW } from '../../src/lib/view-state';
import { describe, expect, it } from 'vitest';
import { foldWithMap } from '../../src/lib/search/fold';
import { matchText } from '../../src/lib/search/match';
import { escapeHtml, excerpt, excerptHtml } from '../../src/lib/search/excerpt';
import { parseQuery } from '../../src/lib/search/query';
import { parseRecordUrl, recordUrl, resultHref } from '../../src/lib/search/records';
import { renderResults, renderStatus, type SearchOutcome } from '../../src/lib/search/render';
import { matchTerms, type SearchTerm } from '../../src/lib/search/glossary-match';
import { expectedKeys, foldRecords, isCorrectResult } from '../../src/lib/search/ground-truth';

describe('matchText', () => {
  const folded = foldWithMap('The ReLU activation function, and another function of activation.');
  it('needs every word; exact when the whole query occurs', () => {
    expect(matchText(folded, parseQuery('activation function'))?.exact).toBe(true);
    expect(matchText(folded, parseQuery('function activation'))?.exact).toBe(false);
    expect(matchText(folded, parseQuery('activation sigmoid'))).toBeNull();
  });
  it('rejects a candidate the index matched across punctuation', () => {
    expect(matchText(foldWithMap('权重，激活'), parseQuery('重激'))).toBeNull();
  });
});

describe('excerpts', () => {
  it('escapes the text and marks the hits', () => {
    const text = 'a <script>alert("x")</script> & 权重';
    const f = foldWithMap(text);
    const m = matchText(f, parseQuery('权重'))!;
    const html = excerptHtml(excerpt(text, m.ranges, 200));
    expect(html).toBe('a &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; <mark>权重</mark>');
    expect(html).not.toContain('<script');
  });
  it('escapes a hit that is markup', () => {
    const text = 'see <b>bold</b>';
    const m = matchText(foldWithMap(text), parseQuery('<b>'))!;
    expect(excerptHtml(excerpt(text, m.ranges, 100))).toBe('see <mark>&#60;b&#62;</mark>bold&#60;/b&#62;');
  });
  it('cuts a window around the first hit with ellipses', () => {
    const text = `${'前'.repeat(100)}吸引子盆地${'后'.repeat(100)}`;
    const pieces = excerpt(text, matchText(foldWithMap(text), parseQuery('吸引子盆地'))!.ranges, 40);
    expect(pieces[0]!.text).toBe('…');
    expect(pieces.at(-1)!.text).toBe('…');
    expect(pieces.find((p) => p.hit)?.text).toBe('吸引子盆地');
  });
  it('escapeHtml covers quotes', () => {
    expect(escapeHtml(`"'<>&`)).toBe('&#34;&#39;&#60;&#62;&#38;');
  });
});

describe('result links', () => {
  it('open the part page in the hit’s rendition at the paragraph, with the query to highlight', () => {
    expect(recordUrl({ slug: 'neural-nets', para: 's05-p02', rendition: 'en' })).toBe('/neural-nets/?r=en#s05-p02');
    expect(resultHref({ slug: 'neural-nets', para: 's05-p02', rendition: 'free' }, '权重')).toBe(
      `/neural-nets/?r=free&hl=${encodeURIComponent('权重')}#s05-p02`,
    );
    expect(resultHref({ slug: 'training', para: 's06-p01', rendition: 'literal' }, '<a "b">')).toBe('/training/?r=literal&hl=%3Ca+%22b%22%3E#s06-p01');
  });
  it('parse back, and refuse anything else', () => {
    expect(parseRecordUrl('/neural-nets/?r=literal#s05-p10')).toEqual({ slug: 'neural-nets', part: 's05', rendition: 'literal', para: 's05-p10' });
    expect(parseRecordUrl('/nowhere/?r=literal#s05-p10')).toBeNull();
    expect(parseRecordUrl('/neural-nets/?r=x#s05-p10')).toBeNull();
  });
});

const outcome = (o: Partial<SearchOutcome>): SearchOutcome => ({ status: 'ok', typed: '', hits: [], terms: [], convertedTo: [], ...o, groups: o.groups ?? groupHits(o.hits ?? [], DEFAULT_VIEW) });

describe('rendering', () => {
  it('never writes the query or the text as markup', () => {
    const typed = '<img src=x onerror=alert(1)>';
    const status = renderStatus(outcome({ typed }));
    expect(status).not.toMatch(/<img/);
    expect(status).toContain('&#60;img');
    const text = '<img src=x onerror=alert(1)> 权重';
    const f = foldWithMap(text);
    const html = renderResults(
      outcome({
        typed: '权重',
        hits: [{ slug: 'neural-nets', part: 's05', para: 's05-p02', rendition: 'literal', text, exact: true, ranges: matchText(f, parseQuery('权重'))!.ranges, matchedQuery: '权重' }],
      }),
      [{ part: 's05', slug: 'neural-nets', title: { zh: '05. <神经网络>', en: '05. Neural nets' } }],
      't',
    );
    expect(html).not.toMatch(/<img/);
    expect(html).toContain('05. &#60;神经网络&#62;');
    expect(html).toContain('href="/neural-nets/?r=literal&#38;hl=');
    expect(html).toContain('>直译<');
  });
  it('echoes at most 40 characters of a long query', () => {
    expect(renderStatus(outcome({ typed: 'x'.repeat(10_000) }))).not.toContain('x'.repeat(41));
  });
  it('has a message for every state', () => {
    for (const status of ['empty', 'loading', 'error', 'no-wasm', 'too-long', 'no-terms'] as const) {
      expect(renderStatus(outcome({ status }))).toMatch(/class="ui-zh">.+<\/span><span lang="en" class="ui-en">.+/);
    }
  });
});

describe('glossary entries', () => {
  const term = (id: string, zh: string, en: string, aliases: { zh?: string[]; en?: string[] } = {}): SearchTerm => ({
    id,
    zh,
    en,
    aliases: { zh: aliases.zh ?? [], en: aliases.en ?? [] },
    definition: { zh: '', en: '' },
  });
  const terms = [
    term('weight', '权重', 'weight', { en: ['weights'] }),
    term('activation-function', '激活函数', 'activation function'),
    term('ramp', '斜坡', 'ramp', { en: ['ReLU'] }),
    term('ai', 'AI', 'AI'),
    term('basin-of-attraction', '吸引子盆地', 'basin of attraction'),
  ];
  const ids = (q: string) => matchTerms(terms, parseQuery(q).text).map((t) => t.id);
  it('offers the term named in either language', () => {
    expect(ids('权重')).toEqual(['weight']);
    expect(ids('Activation Function')).toEqual(['activation-function']);
    expect(ids('吸引子盆地')).toEqual(['basin-of-attraction']);
    expect(ids('basin')).toEqual(['basin-of-attraction']);
  });
  it('offers every term a mixed query names', () => {
    expect(ids('ReLU 激活函数').sort()).toEqual(['activation-function', 'ramp']);
  });
  it('does not offer terms for one character or inside other words', () => {
    expect(ids('权')).toEqual([]);
    expect(ids('explain this')).toEqual([]);
  });
});

describe('ground truth', () => {
  const records = foldRecords([
    { part: 's05', slug: 'neural-nets', para: 's05-p01', rendition: 'literal', text: '神经网络的权重' },
    { part: 's05', slug: 'neural-nets', para: 's05-p01', rendition: 'en', text: 'The weights of a neural net' },
    { part: 's05', slug: 'neural-nets', para: 's05-p02', rendition: 'en', text: 'A net, and neural tissue' },
  ]);
  it('is substring after folding', () => {
    expect([...expectedKeys(records, '权重')]).toEqual(['s05-p01/literal']);
    expect([...expectedKeys(records, 'NEURAL NET')]).toEqual(['s05-p01/en']);
    expect(expectedKeys(records, 'cat').size).toBe(0);
  });
  it('counts a multi-word result correct when it has every word', () => {
    expect(isCorrectResult(records[2]!, 'neural net')).toBe(true);
    expect(isCorrectResult(records[2]!, 'neural weights')).toBe(false);
  });
});
