/**
 * Builds the search lexicon (src/lib/search/lexicon.ts) from the site's
 * paragraph renditions: the English words of the English rendition, and the
 * Chinese words of both Chinese renditions (ICU word segmentation through
 * `Intl.Segmenter`) keyed by their toneless pinyin as read in context
 * (`annotate` from src/lib/pinyin.ts over the whole rendition, so polyphonic
 * characters read as the pinyin toggle shows them), together with runs of 2–3
 * adjacent words (up to 4 characters), so a phrase is read as the text writes
 * it rather than guessed among homophones.
 */
import { annotate, toneless } from '../../src/lib/pinyin';
import { fold } from '../../src/lib/search/fold';
import type { SearchLexicon } from '../../src/lib/search/lexicon';
import type { TextRecord } from '../../src/lib/search/records';

const HAN_WORD = /^\p{Script=Han}+$/u;
/** Adjacent words joined into one entry, at most (and at most this many characters). */
const MAX_RUN_WORDS = 2;
const MAX_RUN_CHARS = 4;

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
    const add = (word: string, index: number): void => {
      let key = '';
      for (let i = 0; i < word.length; i++) key += readings.get(index + i) ?? '';
      if (!/^[a-z]+$/.test(key)) return;
      const words = zhCount.get(key) ?? new Map<string, number>();
      words.set(word, (words.get(word) ?? 0) + 1);
      zhCount.set(key, words);
    };
    // Words, and runs of up to MAX_RUN_WORDS adjacent words (a phrase such as 树枝状分支 is
    // then one entry, read as it is written, instead of a guess among homophones).
    let run: Array<{ segment: string; index: number }> = [];
    for (const seg of segmenter.segment(rec.text)) {
      if (!seg.isWordLike || !HAN_WORD.test(seg.segment)) {
        run = [];
        continue;
      }
      run.push(seg);
      if (run.length > MAX_RUN_WORDS) run.shift();
      for (let k = 0; k < run.length; k++) {
        const word = run.slice(k).map((w) => w.segment).join('');
        if (k === run.length - 1 || word.length <= MAX_RUN_CHARS) add(word, run[k]!.index);
      }
    }
  }
  const zh: Record<string, string[]> = {};
  for (const key of [...zhCount.keys()].sort()) {
    zh[key] = [...zhCount.get(key)!.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([w]) => w);
  }
  return { en: [...en].sort(), zh };
}
