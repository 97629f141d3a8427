/**
 * Continue reading and jump to ¶ (issue 15): stored places are read safely,
 * and what a reader types is resolved to a paragraph or sentence id of the
 * page's part, or refused with a reason. Citation and three-rendition copies
 * carry what a translation student needs to cite.
 */
import { describe, expect, it } from 'vitest';
import { isResumable, paragraphNumber, parsePlaces, parseParagraphRef, placeLabel, refLabel, resumablePlaces, withPlace } from '../../src/lib/reading-place';
import { formatCitation, formatRenditions } from '../../src/lib/citation';

describe('stored places', () => {
  it('round-trips and drops malformed entries', () => {
    const a = withPlace({}, { id: 's05-p18', path: '/neural-nets/', t: 2 });
    const b = withPlace(a, { id: 's06-p03', path: '/training/', t: 5 });
    expect(parsePlaces(JSON.stringify(b))).toEqual(b);
    expect(parsePlaces('{not json')).toEqual({});
    expect(parsePlaces('[1,2]')).toEqual({});
    expect(parsePlaces(null)).toEqual({});
    // An id filed under another part, a bad path, a missing time: dropped; the good entry stays.
    const raw = JSON.stringify({ s05: { id: 's06-p02', path: '/x/', t: 1 }, s06: { id: 's06-p02', path: 'x', t: 1 }, s00: { id: 's00-p02', path: '/f/' }, s99: 7, s01: { id: 's01-p04', path: '/a/', t: 3 } });
    expect(Object.keys(parsePlaces(raw))).toEqual(['s01']);
    expect(() => withPlace({}, { id: 'nope', path: '/', t: 1 })).toThrow();
  });

  it('offers only places past a part’s first paragraph, most recent first', () => {
    const places = parsePlaces(JSON.stringify({ s00: { id: 's00-p01', path: '/f/', t: 9 }, s05: { id: 's05-p18', path: '/n/', t: 2 }, s06: { id: 's06-p02', path: '/t/', t: 4 } }));
    expect(isResumable(places.s00!)).toBe(false);
    expect(resumablePlaces(places).map((p) => p.id)).toEqual(['s06-p02', 's05-p18']);
    expect(placeLabel('s05-p18')).toBe('05 ¶18');
    expect(refLabel('s05-p18')).toBe('¶18');
    expect(refLabel('s06-p04-s2')).toBe('¶4.2');
    expect(paragraphNumber('s05-p07-s2')).toBe(7);
    expect(paragraphNumber('x')).toBeNaN();
  });
});

describe('paragraph references typed by a reader', () => {
  const cases: Array<[string, string]> = [
    ['18', 's05-p18'],
    [' ¶18 ', 's05-p18'],
    ['p7', 's05-p07'],
    ['１８', 's05-p18'],
    ['18.2', 's05-p18-s2'],
    ['#s05-p18', 's05-p18'],
    ['S05-P18-S2', 's05-p18-s2'],
    ['s05-p3', 's05-p03'],
    ['999', 's05-p999'],
  ];
  for (const [input, id] of cases) it(`${JSON.stringify(input)} → ${id}`, () => expect(parseParagraphRef(input, 's05')).toEqual({ ok: true, id }));
  it('refuses what names nothing here, with a reason', () => {
    expect(parseParagraphRef('  ', 's05')).toEqual({ ok: false, reason: 'empty' });
    expect(parseParagraphRef('abc', 's05')).toEqual({ ok: false, reason: 'malformed' });
    expect(parseParagraphRef('0', 's05')).toEqual({ ok: false, reason: 'zero' });
    expect(parseParagraphRef('¶0.2', 's05')).toEqual({ ok: false, reason: 'zero' });
    expect(parseParagraphRef('s06-p02', 's05')).toEqual({ ok: false, reason: 'other-part', part: 's06', id: 's06-p02' });
    expect(parseParagraphRef('s04-p3-s2', 's05')).toEqual({ ok: false, reason: 'other-part', part: 's04', id: 's04-p03-s2' });
    expect(parseParagraphRef('<img src=x>', 's05')).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('citations', () => {
  it('names the site, part, paragraph, renditions and link', () => {
    const c = formatCitation({ site: { zh: '神经网络读本', en: 'Reading Neural Nets' }, partTitle: { zh: '05. 神经网络', en: '05. Neural nets' }, paragraph: 18, renditions: ['literal', 'en'], url: 'http://x/neural-nets/?r=literal&l=both#s05-p18' });
    expect(c).toBe('神经网络读本 · Reading Neural Nets, 05. 神经网络 · 05. Neural nets, ¶18 (直译 + 英文 · Literal Chinese + English). http://x/neural-nets/?r=literal&l=both#s05-p18');
  });
  it('lists the three renditions with labels, one per line, then the link', () => {
    const text = formatRenditions('05 ¶18', { literal: '甲 乙', free: '', en: ' One\n two. ' }, 'http://x/#s05-p18');
    expect(text.split('\n')).toEqual(['05 ¶18', '直译 · Literal Chinese: 甲 乙', '英文 · English: One two.', 'http://x/#s05-p18']);
  });
});
