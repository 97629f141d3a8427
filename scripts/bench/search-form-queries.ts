/**
 * Queries that test search beyond substrings, computed from the built site's
 * own text (not hand-written lists), for the search benchmark and the e2e
 * recall test:
 *
 * - `morph`: English words of the text that have other forms in it (the
 *   Porter stem, `stemmer`, shared by 2+ words), each searched in one form and
 *   expected to find the paragraphs with any form; plus `training`, `neural net`,
 *   `Neural Nets`, `NEURAL NETWORKS` (case never matters);
 * - `quoted`: a quoted English phrase;
 * - `pinyin`: every Chinese glossary term of 2+ characters in three spellings
 *   (toneless with a space between words, toned, and joined:
 *   `shenjing wangluo`, `shénjīng wǎngluò`, `shenjingwangluo`), its pinyin read
 *   by src/lib/pinyin.ts, words cut by `Intl.Segmenter`; the truth is the
 *   Chinese term.
 */
import { stemmer } from 'stemmer';
import { annotate, toneless } from '../../src/lib/pinyin';
import type { FoldedRecord } from '../../src/lib/search/ground-truth';

/** One query and what it must find (`truth`: the string the results must hold instead of `q`). */
export interface FormQuery {
  q: string;
  kind: 'morph' | 'quoted' | 'pinyin';
  truth?: string;
}

/**
 * English word-form queries.
 * @param records the site's folded records
 * @param count how many sampled words (the most frequent stems with several forms)
 */
export function morphQueries(records: readonly FoldedRecord[], count = 16): FormQuery[] {
  const freq = new Map<string, Map<string, number>>();
  for (const r of records) {
    if (r.rendition !== 'en') continue;
    for (const w of r.folded.match(/[a-z]{4,}/g) ?? []) {
      const s = stemmer(w);
      const m = freq.get(s) ?? new Map<string, number>();
      m.set(w, (m.get(w) ?? 0) + 1);
      freq.set(s, m);
    }
  }
  const sampled = [...freq.entries()]
    .filter(([, m]) => m.size >= 2)
    .map(([s, m]) => ({ s, total: [...m.values()].reduce((a, b) => a + b, 0), forms: [...m.keys()].sort((a, b) => b.length - a.length || a.localeCompare(b)) }))
    .sort((a, b) => b.total - a.total || a.s.localeCompare(b.s))
    .slice(0, count)
    .map((x) => ({ q: x.forms[0]!, kind: 'morph' as const }));
  return [
    { q: 'training', kind: 'morph' },
    { q: 'neural net', kind: 'morph' },
    { q: 'Neural Nets', kind: 'morph' },
    { q: 'NEURAL NETWORKS', kind: 'morph' },
    { q: '"neural net"', kind: 'quoted' },
    { q: '"weights"', kind: 'quoted' },
    { q: '“activation function”', kind: 'quoted' },
    ...sampled,
  ];
}

/**
 * The three pinyin spellings of a Chinese string.
 * @param zh Chinese characters only
 * @returns [toneless with spaces between words, toned with spaces, toneless joined]
 */
export function pinyinSpellings(zh: string): [string, string, string] {
  const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
  const syllables = annotate(zh).map((s) => s.pinyin ?? '');
  const words: string[] = [];
  for (const seg of segmenter.segment(zh)) words.push(syllables.slice(seg.index, seg.index + seg.segment.length).join(''));
  const toned = words.join(' ');
  return [toneless(toned), toned, toneless(toned).replace(/ /g, '')];
}

/**
 * Pinyin queries for the glossary's Chinese terms (2+ characters, Chinese only).
 * @param terms glossary terms (`zh`)
 */
export function pinyinQueries(terms: ReadonlyArray<{ zh: string }>): FormQuery[] {
  const out: FormQuery[] = [];
  for (const t of terms) {
    if (!/^\p{Script=Han}{2,}$/u.test(t.zh)) continue;
    for (const q of new Set(pinyinSpellings(t.zh))) out.push({ q, kind: 'pinyin', truth: t.zh });
  }
  return out;
}

const syllableCache = new Map<string, string[]>();

/**
 * Does a text hold the pinyin of a query: a run of its characters whose
 * toneless syllables (src/lib/pinyin.ts, read in context) spell the query's
 * letters? A homophone of the intended word (示例 / 实例 for `shili`) counts:
 * pinyin cannot tell them apart.
 * @param text a rendition's text
 * @param query the pinyin query as typed
 */
export function holdsPinyin(text: string, query: string): boolean {
  const key = toneless(query).replace(/[^a-z]/g, '');
  if (!key) return false;
  let syl = syllableCache.get(text);
  if (!syl) syllableCache.set(text, (syl = annotate(text).map((s) => (s.pinyin ? toneless(s.pinyin) : ''))));
  for (let i = 0; i < syl.length; i++) {
    let acc = '';
    for (let j = i; j < syl.length && syl[j] && acc.length < key.length; j++) {
      acc += syl[j];
      if (acc === key) return true;
    }
  }
  return false;
}
