import { describe, expect, it } from 'vitest';
import { bestSegment, resultHref, segmentStarts } from '../../src/lib/search/records';
import { extractRecords } from '../../scripts/search/extract';

describe('search results open the best segment', () => {
  it('finds segment starts in order, skipping the space between English sentences', () => {
    const text = 'One two. Two three. Three.';
    expect(segmentStarts(text, ['One two.', 'Two three.', 'Three.'])).toEqual([0, 9, 20]);
    // A repeated sentence is found after the previous one, not at its first occurrence.
    expect(segmentStarts('甲。甲。', ['甲。', '甲。'])).toEqual([0, 2]);
    expect(segmentStarts(text, ['One two.', 'missing'])).toBeNull();
  });

  it('picks the segment holding the whole query, else the most different words, else the most hits, else the earliest', () => {
    const text = 'Nearest shop. A point, a point. Nearest point.';
    const starts = [0, 14, 32];
    const at = (needle: string, from = 0) => ({ start: text.indexOf(needle, from), end: text.indexOf(needle, from) + needle.length });
    // Whole phrase in segment 3 beats both words apart in segments 1-2.
    expect(bestSegment('s05-p07', starts, [at('Nearest'), at('point'), at('point', 21), at('Nearest point')], text, 'nearest point')).toBe('s05-p07-s3');
    // Words apart: segment 1 has one word, segment 2 the same word twice: more hits wins between equals in kind…
    expect(bestSegment('s05-p07', starts, [at('Nearest'), at('point'), at('point', 21)], text, 'nearest point')).toBe('s05-p07-s2');
    // …and a tie goes to the earliest segment.
    expect(bestSegment('s05-p07', starts, [at('Nearest'), at('point')], text, 'nearest point')).toBe('s05-p07-s1');
    expect(bestSegment('s05-p07', undefined, [at('point')], text, 'point')).toBeNull();
    expect(bestSegment('s05-p07', starts, [], text, 'point')).toBeNull();
  });

  it('links a result to its segment when there is one, else to the paragraph', () => {
    expect(resultHref({ slug: 'neural-nets', para: 's05-p07', rendition: 'en', seg: 's05-p07-s2' }, 'closer')).toBe('/neural-nets/?r=en&hl=closer#s05-p07-s2');
    expect(resultHref({ slug: 'neural-nets', para: 's05-p07', rendition: 'en', seg: null }, 'closer')).toBe('/neural-nets/?r=en&hl=closer#s05-p07');
  });

  it('the index build reads each segment offset from the page markup', () => {
    const html =
      '<div data-para-id="s05-p09"><p data-rendition="en"><span data-seg-id="s05-p09-s1">First <span class="term">one</span>.</span> <span data-seg-id="s05-p09-s2">Second.</span></p>' +
      '<p data-rendition="literal"><span data-seg-id="s05-p09-s1">第一。</span><span data-seg-id="s05-p09-s2">第二。</span></p></div>';
    const recs = extractRecords(html, 's05', 'neural-nets');
    expect(recs.map((r) => [r.rendition, r.text, r.segStarts])).toEqual([
      ['en', 'First one. Second.', [0, 11]],
      ['literal', '第一。第二。', [0, 3]],
    ]);
  });
});
