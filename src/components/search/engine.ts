/**
 * The search engine in the browser: Pagefind's index (dist/pagefind/, built
 * by scripts/search/build.ts) for candidates, then a check of every candidate
 * against its real text.
 *
 * One query → its folded words and token runs (src/lib/search/query.ts) →
 * one exact-phrase Pagefind search per run, intersected → the candidates'
 * stored texts (cached) → kept when they contain every word. A query with
 * Chinese characters is also searched in its simplified forms (opencc-js,
 * loaded on the first such query).
 *
 * Loaded only when search opens: nothing here runs on a content page until
 * the reader asks for search.
 */
import { withBase } from '../../lib/base';
import { foldWithMap, type FoldedText } from '../../lib/search/fold';
import { matchTerms, type SearchTerm } from '../../lib/search/glossary-match';
import { matchText } from '../../lib/search/match';
import { hasHan, parseQuery, phraseQuery, type ParsedQuery } from '../../lib/search/query';
import { bestSegment, parseRecordUrl, recordOrder, SEGMENTS_META, type RecordAddress } from '../../lib/search/records';
import type { PartInfo, SearchHit, SearchOutcome } from '../../lib/search/render';

/** The part of Pagefind's JS API this uses. */
interface PagefindResult {
  id: string;
  data(): Promise<{ url: string; raw_url?: string; content: string; meta?: Record<string, string> }>;
}
interface PagefindInstance {
  init(): Promise<void>;
  search(term: string): Promise<{ results: PagefindResult[] } | null>;
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

/** The search engine; create one per page and reuse it. */
export class SearchEngine {
  private pagefind: Promise<PagefindInstance> | null = null;
  private data: Promise<SearchData> | null = null;
  private converter: Promise<(text: string) => string[]> | null = null;
  /** Candidates of one phrase, by phrase query. */
  private phrases = new Map<string, Promise<PagefindResult[]>>();
  /** Stored records, by Pagefind result id. */
  private records = new Map<string, Promise<StoredRecord | null>>();

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
        return address ? { address, text: d.content, folded: foldWithMap(d.content), segStarts } : null;
      });
      this.records.set(result.id, rec);
      rec.catch(() => this.records.delete(result.id));
    }
    return rec;
  }

  /** Candidates for one parsed query: results that have every run as a phrase. */
  private async candidates(pf: PagefindInstance, q: ParsedQuery): Promise<PagefindResult[]> {
    const lists = await Promise.all(q.runs.map((run) => this.phrase(pf, run)));
    lists.sort((a, b) => a.length - b.length);
    const [first, ...rest] = lists;
    if (!first) return [];
    const sets = rest.map((l) => new Set(l.map((r) => r.id)));
    return first.filter((r) => sets.every((s) => s.has(r.id)));
  }

  /**
   * Search.
   * @param typed the query as typed (any length, any characters)
   * @returns the outcome; status 'error' when the index cannot be loaded, 'no-wasm' without WebAssembly (never throws)
   */
  async search(typed: string): Promise<SearchOutcome> {
    const query = parseQuery(typed);
    const base: SearchOutcome = { status: query.status, typed: typed.trim(), hits: [], terms: [], convertedTo: [] };
    if (query.status !== 'ok') return base;
    // Pagefind searches with WebAssembly: without it, say so instead of failing as a network error.
    if (typeof WebAssembly !== 'object') return { ...base, status: 'no-wasm' };
    try {
      const [pf, data] = await this.load();
      const variants: ParsedQuery[] = [query];
      if (hasHan(query.text)) {
        for (const form of await this.convert(query.text)) {
          const v = parseQuery(form);
          if (v.status === 'ok' && !variants.some((x) => x.text === v.text)) variants.push(v);
        }
      }
      const hits = new Map<string, SearchHit>();
      const convertedTo = new Set<string>();
      for (const [i, v] of variants.entries()) {
        const found = await this.candidates(pf, v);
        const stored = await Promise.all(found.map((r) => this.record(r)));
        for (const rec of stored) {
          if (!rec) continue;
          const key = `${rec.address.para}/${rec.address.rendition}`;
          if (hits.has(key)) continue;
          const m = matchText(rec.folded, v);
          if (!m) continue;
          const seg = bestSegment(rec.address.para, rec.segStarts, m.ranges, rec.text, v.text);
          hits.set(key, { ...rec.address, text: rec.text, exact: m.exact, ranges: m.ranges, matchedQuery: v.text, seg });
          if (i > 0) convertedTo.add(v.text);
        }
      }
      const terms = new Map<string, SearchTerm>();
      for (const v of variants) for (const t of matchTerms(data.terms, v.text)) terms.set(t.id, t);
      return {
        ...base,
        hits: [...hits.values()].sort((a, b) => recordOrder(a) - recordOrder(b)),
        terms: [...terms.values()].slice(0, 4),
        convertedTo: [...convertedTo],
      };
    } catch (err) {
      console.warn('search failed', err);
      return { ...base, status: 'error' };
    }
  }
}
