/**
 * The reader's place in each part (continue reading) and paragraph
 * references typed by the reader (jump to ¶). Pure functions, no DOM; the
 * browser side is src/scripts/reader.ts (records the place) and
 * src/scripts/way-back.ts (offers it, jumps).
 *
 * A place is kept per part in localStorage under {@link PLACES_STORAGE_KEY}
 * as JSON `{ "s05": { "id": "s05-p18", "path": "/neural-nets/", "t": 1764… } }`.
 */

/**
 * localStorage key of the "always show paragraph numbers" reading setting (`'1'` on; anything
 * else, or nothing, off). Kept here rather than in view-state.ts so that the lazily loaded reading
 * tools share no module with the first-load script (page weight).
 */
export const PARA_NUMBERS_STORAGE_KEY = 'reader-numbers';

/** localStorage key of the stored places (JSON, see {@link parsePlaces}). */
export const PLACES_STORAGE_KEY = 'reader-places';

/**
 * localStorage key of the paths (space-separated `location.pathname`s) that have a place worth
 * offering: a short string the inline view script reads before first paint.
 */
export const RESUME_PATHS_STORAGE_KEY = 'reader-resume';

/** Where a reader stopped in one part. */
export interface ReadingPlace {
  /** Paragraph id `sNN-pNN` at the top of the reading area when the reader stopped. */
  id: string;
  /** `location.pathname` of the part's page (base path included). */
  path: string;
  /** When it was recorded, ms since the epoch (`Date.now()`). */
  t: number;
}

const PARA_ID = /^(s\d\d)-p(\d\d)$/;

/**
 * Parse the stored places. Anything malformed (bad JSON, wrong shapes,
 * ids that are not `sNN-pNN`, an id stored under another part) is dropped.
 * @param raw the stored string, or null when nothing is stored
 * @returns places by part id (`s05`)
 */
export function parsePlaces(raw: string | null): Record<string, ReadingPlace> {
  const out: Record<string, ReadingPlace> = {};
  if (!raw) return out;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    return out;
  }
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return out;
  for (const [part, p] of Object.entries(v as Record<string, unknown>)) {
    if (typeof p !== 'object' || p === null) continue;
    const { id, path, t } = p as Record<string, unknown>;
    const m = typeof id === 'string' ? PARA_ID.exec(id) : null;
    if (!m || m[1] !== part || typeof path !== 'string' || !path.startsWith('/') || typeof t !== 'number' || !Number.isFinite(t)) continue;
    out[part] = { id: id as string, path, t };
  }
  return out;
}

/**
 * Record a place (replacing the part's previous one).
 * @param places the current places (not mutated)
 * @param place the new place; its part is taken from its id
 * @returns a new record
 * @throws Error when `place.id` is not a paragraph id
 */
export function withPlace(places: Readonly<Record<string, ReadingPlace>>, place: ReadingPlace): Record<string, ReadingPlace> {
  const m = PARA_ID.exec(place.id);
  if (!m) throw new Error(`not a paragraph id: ${place.id}`);
  return { ...places, [m[1]!]: place };
}

/**
 * The paragraph number of an id (`s05-p18` → 18, `s05-p18-s2` → 18).
 * @returns NaN when the id names no paragraph
 */
export function paragraphNumber(id: string): number {
  const m = /^s\d\d-p(\d{2,})(?:-s\d+)?$/.exec(id);
  return m ? Number(m[1]) : NaN;
}

/** A place worth offering: not the first paragraph of its part (the page opens there anyway). */
export function isResumable(place: ReadingPlace): boolean {
  return paragraphNumber(place.id) > 1;
}

/**
 * Places worth offering, most recent first.
 * @param places parsed places
 */
export function resumablePlaces(places: Readonly<Record<string, ReadingPlace>>): ReadingPlace[] {
  return Object.values(places)
    .filter(isResumable)
    .sort((a, b) => b.t - a.t);
}

/**
 * A short label for a place: part number and paragraph, `05 ¶18`
 * (the part number is the one in the id, as in the source's section numbers).
 */
export function placeLabel(id: string): string {
  const m = /^s(\d\d)-p(\d\d)/.exec(id);
  return m ? `${m[1]} ¶${Number(m[2])}` : id;
}

/**
 * How the jump box names a paragraph or sentence id to the reader: `¶18`, `¶18.2`.
 * @param id `sNN-pNN` or `sNN-pNN-sK`
 * @returns the label; `¶NaN` when the id names no paragraph
 */
export function refLabel(id: string): string {
  const k = /-s(\d+)$/.exec(id)?.[1];
  return `¶${paragraphNumber(id)}${k ? `.${Number(k)}` : ''}`;
}

/** What a typed paragraph reference resolved to. */
export type ParagraphRef =
  | { ok: true; id: string }
  | { ok: false; reason: 'empty' | 'malformed' | 'zero' }
  /** An id of another part: `part` is that part (`s06`), `id` the paragraph or sentence id, two-digit paragraph (`s06-p04`). */
  | { ok: false; reason: 'other-part'; part: string; id: string };

/** Two-digit paragraph number in an id (`4` → `04`; 100 and above as typed, naming no paragraph). */
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Read a paragraph reference typed by a reader, for the part `part`:
 * a number (`18`, `¶18`, `p18`), a number and sentence (`18.2`, `¶18.2`), or an
 * id (`s05-p18`, `s05-p3`, `s05-p18-s2`, with or without `#`). Whitespace and case are
 * ignored; full-width digits (`１８`) are read as digits.
 * Whether the paragraph exists on the page is for the caller to check (a number
 * past the last paragraph, `999`, resolves to an id that is not there).
 *
 * @param input what the reader typed
 * @param part the page's part id (`s05`)
 * @returns `{ ok: true, id }` with a paragraph id `sNN-pNN` or sentence id
 *   `sNN-pNN-sK`, else why not: `empty`, `malformed`, `zero` (¶0, which no part has), or
 *   `other-part` (an id of another part, with that part and the id normalised)
 */
export function parseParagraphRef(input: string, part: string): ParagraphRef {
  const s = input
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .toLowerCase()
    .replace(/^[#¶§]+/, '');
  if (!s) return { ok: false, reason: 'empty' };
  const num = /^p?(\d{1,6})(?:[.\-。](?:s)?(\d{1,3}))?$/.exec(s);
  const full = num ? null : /^(s\d\d)-p(\d{1,6})(?:-s(\d{1,3}))?$/.exec(s);
  const m = num ?? full;
  if (!m) return { ok: false, reason: 'malformed' };
  const owner = full ? full[1]! : part;
  const n = Number(full ? full[2] : m[1]);
  const k = full ? full[3] : m[2];
  if (n < 1) return { ok: false, reason: 'zero' };
  const id = `${owner}-p${pad(n)}${k ? `-s${Number(k)}` : ''}`;
  if (owner !== part) return { ok: false, reason: 'other-part', part: owner, id };
  return { ok: true, id };
}
