/**
 * The glossary page's filter: does an entry match what the reader typed?
 * Pure TypeScript, no DOM, no dependencies (it runs in the page).
 *
 * An entry matches when the query (trimmed, case-insensitive, NFC) occurs in
 * its text (Chinese and English headwords, aliases, shown pinyin, both
 * definitions), or, with its spaces removed, in its pinyin: toned (`quánzhòng`,
 * `quán zhòng`) against the toned reading, toneless (`quanzhong`,
 * `quan zhong`, `lv` or `lü` for lǜ) against the toneless reading.
 */

/** What the filter compares against, per entry (readings from src/lib/glossary-index.ts). */
export interface FilterEntry {
  /** Everything the entry shows, as one string (any case). */
  text: string;
  /** Toned pinyin without spaces, lower case (`quánzhòng`). */
  tonedKey: string;
  /** Toneless pinyin without spaces, lower case, ü as v (`quanzhong`). */
  key: string;
}

/** Longest query considered, in characters: longer input is cut (a hostile paste cannot stall the page). */
export const MAX_QUERY_LENGTH = 100;

/**
 * Normalise a typed query: NFC, lower case, runs of white space as one space, trimmed, at most {@link MAX_QUERY_LENGTH} characters.
 * @param raw what the reader typed (or `?q=` from the URL)
 */
export function normalizeQuery(raw: string): string {
  return raw.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH);
}

/**
 * @param query a query from {@link normalizeQuery}; the empty query matches every entry
 * @param entry the entry's text and readings
 * @returns whether the entry should be shown
 */
export function matchesEntry(query: string, entry: FilterEntry): boolean {
  if (!query) return true;
  if (entry.text.normalize('NFC').toLowerCase().includes(query)) return true;
  const compact = query.replace(/[\s'’-]/g, '');
  if (!compact) return false;
  if (entry.tonedKey.includes(compact)) return true;
  // Toneless: only plain Latin letters (ü typed as ü or v).
  const plain = compact.replace(/ü/g, 'v');
  return /^[a-z]+$/.test(plain) && entry.key.includes(plain);
}
