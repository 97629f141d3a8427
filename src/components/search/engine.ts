/**
 * The search engine in the browser: Pagefind's index (dist/pagefind/, built
 * by scripts/search/build.ts) for candidates, then a check of every candidate
 * against its real text.
 *
 * One query → its folded words, quoted phrases and token runs
 * (src/lib/search/query.ts) → for every word, one exact-phrase Pagefind
 * search per run of the word and of each of its other English forms
 * (lexicon.ts: `training` → train, trained), united; the words' candidates
 * intersected → the candidates' stored texts (cached) → kept when they hold
 * every word (match.ts). A paragraph none of whose renditions holds every
 * word is still found when its renditions hold them between them (a
 * mixed-language query, `权重 weights`; paragraphs are aligned across
 * renditions by id): its renditions that hold a word are shown together. A query with Chinese characters is also searched in
 * its simplified forms (opencc-js, loaded on the first such query); a query
 * that reads as pinyin is also searched as the Chinese words of the text it
 * spells (`shenjing wangluo` → 神经网络), or, when it is not pinyin as a
 * whole, with those of its words that are (`quanzhong weights` → 权重 weights). The lexicon (`search/lexicon.json`)
 * is fetched on the first query with Latin letters. Hits are then grouped one
 * per paragraph (group.ts), with the reader's rendition first and the aligned
 * counterpart's text.
 *
 * Loaded only when search opens: nothing here runs on a content page until
 * the reader asks for search.
 */
import { withBase } from '../../lib/base';
import { foldWithMap, type FoldedText } from '../../lib/search/fold';
import { matchTerms, type SearchTerm } from '../../lib/search/glossary-match';
import { counterpartRendition, groupHits, SEARCH_DEFAULT_VIEW, segmentIndex, segmentText, type ResultGroup } from '../../lib/search/group';
import { hasTones, loadLexicon, morphAlternatives, pinyinReadings, pinyinWordReadings, type LoadedLexicon, type SearchLexicon } from '../../lib/search/lexicon';
import { matchSomeWords, matchText } from '../../lib/search/match';
import { hasHan, MAX_RUNS, parseQuery, phraseQuery, tokenRuns, type ParsedQuery } from '../../lib/search/query';
import { bestSegment, parseRecordUrl, recordOrder, RECORD_FILTER, SEGMENTS_META, type RecordAddress } from '../../lib/search/records';
import { highlightText, type PartInfo, type SearchHit, type SearchOutcome } from '../../lib/search/render';
import type { ViewState } from '../../lib/view-state';

/** The part of Pagefind's JS API this uses. */
interface PagefindResult {
  id: string;
  data(): Promise<{ url: string; raw_url?: string; content: string; meta?: Record<string, string> }>;
}
interface PagefindInstance {
  init(): Promise<void>;
  search(term: string | null, options?: { filters?: Record<string, unknown> }): Promise<{ results: PagefindResult[] } | null>;
}
interface PagefindModule {
  createInstance(options: Record<string, unknown>): PagefindInstance;
}

/** The site data the build writes beside the index. */
interface SearchData {
  parts: PartInfo[];
  terms: SearchTerm[];
}

/** A stored record, fetched once. */
interface StoredRecord {
  address: RecordAddress;
  text: string;
  folded: FoldedText;
  /** Segment start offsets in `text` (from the record's metadata), if any. */
  segStarts?: number[];
}

const PAGEFIND_URL = withBase('/pagefind/pagefind.js');
const DATA_URL = withBase('/search/data.json');
const LEXICON_URL = withBase('/search/lexicon.json');

/** Results in every list (by Pagefind id), in the order of the shortest list. */
function intersect(lists: readonly PagefindResult[][]): PagefindResult[] {
  const [first, ...rest] = [...lists].sort((a, b) => a.length - b.length);
  if (!first) return [];
  const sets = rest.map((l) => new Set(l.map((r) => r.id)));
  return first.filter((r) => sets.every((s) => s.has(r.id)));
}

/** The search engine; create one per page and reuse it. */
export class SearchEngine {
  private pagefind: Promise<PagefindInstance> | null = null;
  private data: Promise<SearchData> | null = null;
  private converter: Promise<(text: string) => string[]> | null = null;
  private lexiconLoad: Promise<LoadedLexicon> | null = null;
  /** Candidates of one phrase, by phrase query. */
  private phrases = new Map<string, Promise<PagefindResult[]>>();
  /** Stored records, by Pagefind result id. */
  private records = new Map<string, Promise<StoredRecord | null>>();
  /** Stored records already loaded, by `<para>/<rendition>` (counterparts are looked up here first). */
  private byKey = new Map<string, StoredRecord>();

  /** Start loading the index, its code and the site data (idempotent). */
  load(): Promise<[PagefindInstance, SearchData]> {
    // Pagefind cannot start without WebAssembly (search() reports 'no-wasm'); don't let it throw inside.
    if (typeof WebAssembly !== 'object') return Promise.reject(new Error('this browser provides no WebAssembly'));
    if (!this.pagefind) {
      this.pagefind = (async () => {
        const url = PAGEFIND_URL;
        const mod = (await import(/* @vite-ignore */ url)) as PagefindModule;
        // The index is tiny: searching on the main thread avoids a worker round trip per result.
        const instance = mod.createInstance({ noWorker: true });
        await instance.init();
        return instance;
      })();
      this.pagefind.catch(() => {
        this.pagefind = null;
      });
    }
    if (!this.data) {
      this.data = fetch(DATA_URL).then((r) => {
        if (!r.ok) throw new Error(`${DATA_URL}: HTTP ${r.status}`);
        return r.json() as Promise<SearchData>;
      });
      this.data.catch(() => {
        this.data = null;
      });
    }
    const ready = Promise.all([this.pagefind, this.data]);
    if (!this.converter) {
      // Chinese queries need the converter: fetch it once the index is in, before the reader types.
      ready.then(() => this.convert('').catch(() => {}), () => {});
    }
    return ready;
  }

  /** Part titles, once loaded. */
  async parts(): Promise<PartInfo[]> {
    return (await this.load())[1].parts;
  }

  private convert(text: string): Promise<string[]> {
    if (!this.converter) {
      this.converter = import('../../lib/search/convert').then((m) => m.simplifiedVariants);
      this.converter.catch(() => {
        this.converter = null;
      });
    }
    return this.converter.then((f) => f(text));
  }

  /** The search lexicon (word forms, pinyin), fetched on the first query with Latin letters. */
  private lexicon(): Promise<LoadedLexicon> {
    if (!this.lexiconLoad) {
      this.lexiconLoad = fetch(LEXICON_URL).then(async (r) => {
        if (!r.ok) throw new Error(`${LEXICON_URL}: HTTP ${r.status}`);
        return loadLexicon((await r.json()) as SearchLexicon);
      });
      this.lexiconLoad.catch(() => {
        this.lexiconLoad = null;
      });
    }
    return this.lexiconLoad;
  }

  private phrase(pf: PagefindInstance, run: readonly string[]): Promise<PagefindResult[]> {
    const q = phraseQuery(run);
    let found = this.phrases.get(q);
    if (!found) {
      found = pf.search(q).then((r) => r?.results ?? []);
      this.phrases.set(q, found);
      found.catch(() => this.phrases.delete(q));
    }
    return found;
  }

  private record(result: PagefindResult): Promise<StoredRecord | null> {
    let rec = this.records.get(result.id);
    if (!rec) {
      rec = result.data().then((d) => {
        const address = parseRecordUrl(d.raw_url ?? d.url);
        const starts = (d.meta?.[SEGMENTS_META] ?? '').split(',').filter(Boolean).map(Number);
        const segStarts = starts.length && starts.every(Number.isFinite) ? starts : undefined;
        if (!address) return null;
        const stored: StoredRecord = { address, text: d.content, folded: foldWithMap(d.content), segStarts };
        this.byKey.set(`${address.para}/${address.rendition}`, stored);
        return stored;
      });
      this.records.set(result.id, rec);
      rec.catch(() => this.records.delete(result.id));
    }
    return rec;
  }

  /** Results that have every run of one string as a phrase. */
  private async allRuns(pf: PagefindInstance, runs: readonly string[][]): Promise<PagefindResult[]> {
    const lists = await Promise.all(runs.map((run) => this.phrase(pf, run)));
    lists.sort((a, b) => a.length - b.length);
    const [first, ...rest] = lists;
    if (!first) return [];
    const sets = rest.map((l) => new Set(l.map((r) => r.id)));
    return first.filter((r) => sets.every((s) => s.has(r.id)));
  }

  /**
   * Candidates for one parsed query, per word: for every word, the results
   * that have it or one of its other forms (`alts`). Only the
   * {@link MAX_RUNS} longest words are asked of the index (the others, and
   * words of punctuation only, are checked against the text).
   */
  private async wordCandidates(pf: PagefindInstance, q: ParsedQuery): Promise<PagefindResult[][]> {
    const words = [...q.words].sort((a, b) => b.length - a.length).slice(0, MAX_RUNS);
    const perWord = await Promise.all(
      words.map(async (w) => {
        const forms = [w, ...(q.alts[w] ?? [])].map((f) => tokenRuns(f)).filter((runs) => runs.length > 0);
        if (forms.length === 0) return null; // punctuation only: no constraint from the index
        const lists = await Promise.all(forms.map((runs) => this.allRuns(pf, runs)));
        const union = new Map<string, PagefindResult>();
        for (const list of lists) for (const r of list) union.set(r.id, r);
        return [...union.values()];
      }),
    );
    return perWord.filter((l): l is PagefindResult[] => l !== null);
  }

  /** A verified hit of a stored record. */
  private hit(rec: StoredRecord, ranges: SearchHit['ranges'], exact: boolean, matched: string, words?: string[]): SearchHit {
    return {
      ...rec.address,
      text: rec.text,
      exact,
      ranges,
      matchedQuery: matched,
      highlight: highlightText(rec.text, ranges, matched),
      seg: bestSegment(rec.address.para, rec.segStarts, ranges, rec.text, matched),
      segStarts: rec.segStarts,
      ...(words ? { words } : {}),
    };
  }

  /**
   * Paragraphs (outside `skip`) whose renditions hold every word of the query
   * between them, though none holds all: per word, the paragraphs of its
   * candidates are intersected; each rendition of such a paragraph that holds
   * a word is checked against its text.
   * @param perWord candidates per word ({@link wordCandidates})
   * @param q the reading of the query
   * @param skip paragraphs already found
   * @returns one list of partial hits (each with `words`) per paragraph found
   */
  private async splitMatches(perWord: PagefindResult[][], q: ParsedQuery, skip: ReadonlySet<string>): Promise<SearchHit[][]> {
    if (perWord.length === 0) return [];
    const union = new Map<string, PagefindResult>();
    for (const list of perWord) for (const r of list) union.set(r.id, r);
    const stored = new Map<string, StoredRecord>();
    await Promise.all([...union.values()].map(async (r) => {
      const rec = await this.record(r);
      if (rec && !skip.has(rec.address.para)) stored.set(r.id, rec);
    }));
    const paraSets = perWord.map((list) => new Set(list.flatMap((r) => { const rec = stored.get(r.id); return rec ? [rec.address.para] : []; })));
    const paras = [...paraSets[0]!].filter((p) => paraSets.every((s) => s.has(p)));
    const out: SearchHit[][] = [];
    for (const para of paras) {
      const recs = [...stored.values()].filter((rec) => rec.address.para === para);
      const held = recs.map((rec) => ({ rec, m: matchSomeWords(rec.folded, q) })).filter((x) => x.m.words.length > 0);
      const covered = new Set(held.flatMap((x) => x.m.words));
      if (!q.words.every((w) => covered.has(w))) continue;
      out.push(held.map(({ rec, m }) => this.hit(rec, m.ranges, false, q.text, m.words)));
    }
    return out;
  }

  /**
   * Fill each group's counterpart: the aligned rendition's segment (or text),
   * from the hits when that rendition holds the query too, else from the
   * index (one filtered Pagefind search for all groups).
   */
  private async fillCounterparts(pf: PagefindInstance, groups: ResultGroup[], view: ViewState): Promise<void> {
    const wanted = new Map<string, ResultGroup>();
    for (const g of groups) {
      if (g.split) continue; // shows the renditions that hold the other words (group.ts)
      const rendition = counterpartRendition(g.primary.rendition, view);
      const own = g.hits.find((h) => h.rendition === rendition);
      const known = this.byKey.get(`${g.para}/${rendition}`);
      if (own) g.counterpart = this.counterpartOf(g, own.text, own.segStarts, own.ranges, rendition);
      else if (known) g.counterpart = this.counterpartOf(g, known.text, known.segStarts, [], rendition);
      else wanted.set(`${g.para}/${rendition}`, g);
    }
    if (wanted.size === 0) return;
    const found = await pf.search(null, { filters: { [RECORD_FILTER]: { any: [...wanted.keys()] } } });
    const stored = await Promise.all((found?.results ?? []).map((r) => this.record(r)));
    for (const rec of stored) {
      if (!rec) continue;
      const g = wanted.get(`${rec.address.para}/${rec.address.rendition}`);
      if (g) g.counterpart = this.counterpartOf(g, rec.text, rec.segStarts, [], rec.address.rendition);
    }
  }

  private counterpartOf(g: ResultGroup, text: string, starts: number[] | undefined, ranges: SearchHit['ranges'], rendition: RecordAddress['rendition']): NonNullable<ResultGroup['counterpart']> {
    const seg = segmentText(text, starts, segmentIndex(g.primary.seg));
    if (!seg) return { rendition, text, ranges };
    const end = seg.offset + seg.text.length;
    const inside = ranges.filter((r) => r.end > seg.offset && r.start < end).map((r) => ({ start: Math.max(r.start, seg.offset) - seg.offset, end: Math.min(r.end, end) - seg.offset }));
    return { rendition, text: seg.text, ranges: inside };
  }

  /**
   * Search.
   * @param typed the query as typed (any length, any characters)
   * @param view the reader's view (which rendition a result shows first); the default view if absent
   * @returns the outcome; status 'error' when the index cannot be loaded, 'no-wasm' without WebAssembly (never throws)
   */
  async search(typed: string, view: ViewState = SEARCH_DEFAULT_VIEW): Promise<SearchOutcome> {
    const query = parseQuery(typed);
    const base: SearchOutcome = { status: query.status, typed: typed.trim(), hits: [], groups: [], terms: [], convertedTo: [], pinyinTo: [] };
    if (query.status !== 'ok') return base;
    // Pagefind searches with WebAssembly: without it, say so instead of failing as a network error.
    if (typeof WebAssembly !== 'object') return { ...base, status: 'no-wasm' };
    try {
      const [pf, data] = await this.load();
      const variants: Array<{ q: ParsedQuery; kind: 'typed' | 'simplified' | 'pinyin' }> = [{ q: query, kind: 'typed' }];
      /** The words read as pinyin on their own, when the query as a whole is not pinyin. */
      let wordsRead: string[] = [];
      if (hasHan(query.text)) {
        for (const form of await this.convert(query.text)) {
          const v = parseQuery(form);
          if (v.status === 'ok' && !variants.some((x) => x.q.text === v.text)) variants.push({ q: v, kind: 'simplified' });
        }
      }
      if (/[a-z]/.test(query.text)) {
        // Word forms and pinyin need the lexicon; without it, search goes on as typed.
        const lex = await this.lexicon().catch(() => null);
        if (lex) {
          for (const w of query.words) if (!query.phrases.includes(w)) query.alts[w] = morphAlternatives(w, lex);
          if (!hasHan(query.text) && query.phrases.length === 0) {
            for (const zh of pinyinReadings(typed, lex)) {
              const v = parseQuery(zh);
              if (v.status === 'ok' && !variants.some((x) => x.q.text === v.text)) variants.push({ q: v, kind: 'pinyin' });
            }
          }
          if (variants.every((x) => x.kind !== 'pinyin')) {
            // Not pinyin as a whole: some of its words may be (`quanzhong weights` → 权重 weights).
            const plain = query.words.filter((w) => !query.phrases.includes(w));
            for (const reading of pinyinWordReadings(plain, lex)) {
              const v = parseQuery([reading.text, ...query.phrases.map((p) => `"${p}"`)].join(' '));
              if (v.status !== 'ok' || variants.some((x) => x.q.text === v.text)) continue;
              variants.push({ q: v, kind: 'pinyin' });
              wordsRead = reading.read;
            }
          }
        }
      }
      // Every reading keeps the English word forms of the words it shares with the query (`權重 weights` → 权重 weights, weight).
      for (const { q: v } of variants) for (const w of v.words) if (query.alts[w]?.length && !v.alts[w]) v.alts[w] = query.alts[w]!;
      const hits = new Map<string, SearchHit>();
      const convertedTo = new Set<string>();
      const pinyinTo = new Set<string>();
      const perVariant = await Promise.all(variants.map(({ q: v }) => this.wordCandidates(pf, v)));
      // 1. Renditions that hold every word of a reading of the query.
      for (const [i, { q: v, kind }] of variants.entries()) {
        const stored = await Promise.all(intersect(perVariant[i]!).map((r) => this.record(r)));
        for (const rec of stored) {
          if (!rec) continue;
          const key = `${rec.address.para}/${rec.address.rendition}`;
          if (hits.has(key)) continue;
          const m = matchText(rec.folded, v);
          if (!m) continue;
          hits.set(key, this.hit(rec, m.ranges, m.exact, v.text));
          if (kind === 'simplified') convertedTo.add(v.text);
          if (kind === 'pinyin') pinyinTo.add(v.text);
        }
      }
      // 2. Paragraphs that no rendition matches alone but whose renditions hold every word between
      //    them (`权重 weights`: the Chinese word in the Chinese, the English word in the English).
      const whole = new Set([...hits.values()].map((h) => h.para));
      for (const [i, { q: v, kind }] of variants.entries()) {
        if (v.words.length < 2) continue;
        for (const group of await this.splitMatches(perVariant[i]!, v, whole)) {
          for (const h of group) hits.set(`${h.para}/${h.rendition}`, h);
          whole.add(group[0]!.para);
          if (kind === 'simplified') convertedTo.add(v.text);
          if (kind === 'pinyin') pinyinTo.add(v.text);
        }
      }
      const terms = new Map<string, SearchTerm>();
      for (const { q: v } of variants) for (const t of matchTerms(data.terms, v.text)) terms.set(t.id, t);
      const sorted = [...hits.values()].sort((a, b) => recordOrder(a) - recordOrder(b));
      const groups = groupHits(sorted, view);
      await this.fillCounterparts(pf, groups, view).catch((err) => console.warn('search: counterparts not loaded', err));
      // Read as pinyin without tone marks: it may have been meant as English (`women`). Offered
      // only when the English reading (the query in quotes: as typed, no pinyin) finds something.
      let asTyped: Pick<SearchOutcome, 'asTyped' | 'asTypedCount'> = {};
      if (pinyinTo.size && !hasTones(typed)) {
        // The whole query in quotes; or, when only some words were read as pinyin, those words.
        const quoted = wordsRead.length
          ? [...query.words.filter((w) => !query.phrases.includes(w)).map((w) => (wordsRead.includes(w) ? `"${w}"` : w)), ...query.phrases.map((p) => `"${p}"`)].join(' ')
          : `"${typed.trim()}"`;
        const english = await this.search(quoted, view);
        if (english.status === 'ok' && english.groups.length > 0) asTyped = { asTyped: quoted, asTypedCount: english.groups.length };
      }
      return {
        ...base,
        hits: sorted,
        groups,
        terms: [...terms.values()].slice(0, 4),
        convertedTo: [...convertedTo],
        pinyinTo: [...pinyinTo],
        ...asTyped,
      };
    } catch (err) {
      console.warn('search failed', err);
      return { ...base, status: 'error' };
    }
  }
}
