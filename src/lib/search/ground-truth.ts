/**
 * Ground truth for the search benchmark and tests, computed straight from the
 * texts without any index: which records contain a query.
 *
 * "Contains" means substring after folding (case, full-width forms,
 * diacritics, white space runs; see fold.ts): exactly what the search page
 * promises. Pure TypeScript, no DOM.
 */
import { fold } from './fold';
import type { TextRecord } from './records';

/** A record with its folded text, folded once. */
export interface FoldedRecord extends TextRecord {
  folded: string;
}

/** Fold every record's text once, for many queries. */
export function foldRecords(records: readonly TextRecord[]): FoldedRecord[] {
  return records.map((r) => ({ ...r, folded: fold(r.text) }));
}

/** The key the benchmark compares results by: `<para>/<rendition>`. */
export function recordKey(rec: Pick<TextRecord, 'para' | 'rendition'>): string {
  return `${rec.para}/${rec.rendition}`;
}

/**
 * Records whose text contains the query (as one string).
 * @param records folded records
 * @param query the query as typed (it is folded and trimmed here)
 * @returns keys ({@link recordKey}) of the records that must be found
 */
export function expectedKeys(records: readonly FoldedRecord[], query: string): Set<string> {
  const q = fold(query).trim();
  const out = new Set<string>();
  if (!q) return out;
  for (const r of records) if (r.folded.includes(q)) out.add(recordKey(r));
  return out;
}

/**
 * Is a returned record a correct result: does it contain the query, or for a
 * query of several words, every word?
 * @param record a folded record
 * @param query the query as typed
 */
export function isCorrectResult(record: FoldedRecord, query: string): boolean {
  const q = fold(query).trim();
  if (!q) return false;
  if (record.folded.includes(q)) return true;
  const words = q.split(' ').filter(Boolean);
  return words.length > 1 && words.every((w) => record.folded.includes(w));
}
