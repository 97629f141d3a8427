/**
 * Builds the search lexicon (src/lib/search/lexicon.ts) from the site's
 * paragraph renditions: the English words of the English rendition, and the
 * Chinese words of both Chinese renditions (ICU word segmentation through
 * `Intl.Segmenter`) keyed by their toneless pinyin as read in context
 * (`annotate` from src/lib/pinyin.ts over the whole rendition, so polyphonic
 * characters read as the pinyin toggle shows them).
 */
import { annotate, toneless } from '../../src/lib/pinyin';
import { fold } from '../../src/lib/search/fold';
import type { SearchLexicon } from '../../src/lib/search/lexicon';
import type { TextRecord } from '../../src/lib/search/records';

const HAN_WORD = /^\p{Script=Han}+$/u;

/**
 * The lexicon of a set of records.
 * @param records every paragraph rendition of the site
 * @returns English words (sorted) and pinyin key → Chinese words (most frequent first)
 */
export function buildLexicon(records: readonly TextRecord[]): SearchLexicon {
  const en = new Set<string>();
  const zhCount = new Map<string, Map<string, number>>();
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  for (const rec of records) {
    if (rec.rendition === 'en') {
      for (const w of fold(rec.text).match(/[a-z]+/g) ?? []) en.add(w);
      continue;
    }
    // Pinyin of every character in context, by UTF-16 offset.
    const readings = new Map<number, string>();
    let offset = 0;
    for (const s of annotate(rec.text)) {
      if (s.pinyin) readings.set(offset, toneless(s.pinyin));
      offset += s.text.length;
    }
    for (const seg of segmenter.segment(rec.text)) {
      if (!seg.isWordLike || !HAN_WORD.test(seg.segment)) continue;
      let key = '';
      for (let i = 0; i < seg.segment.length; i++) key += readings.get(seg.index + i) ?? '';
      if (!/^[a-z]+$/.test(key)) continue;
      const words = zhCount.get(key) ?? new Map<string, number>();
      words.set(seg.segment, (words.get(seg.segment) ?? 0) + 1);
      zhCount.set(key, words);
    }
  }
  const zh: Record<string, string[]> = {};
  for (const key of [...zhCount.keys()].sort()) {
    zh[key] = [...zhCount.get(key)!.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([w]) => w);
  }
  return { en: [...en].sort(), zh };
}
