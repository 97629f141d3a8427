/**
 * The reader's view: which Chinese rendition (literal 直译 / free 意译) and
 * which languages (Chinese, English, both side by side, or the compare view:
 * literal beside free Chinese). Kept in the URL (`?r=free&l=both`,
 * `?l=compare`) and in localStorage; pure functions, no DOM.
 */

/** Chinese rendition shown. */
export type ZhRendition = 'literal' | 'free';
/**
 * Languages shown: Chinese only, English only, both (对照), or `compare`
 * (直译 ⇄ 意译: literal and free Chinese side by side, segment by segment).
 */
export type LangMode = 'zh' | 'en' | 'both' | 'compare';

export interface ViewState {
  r: ZhRendition;
  l: LangMode;
}

/** What a reader sees on a first visit, and without JavaScript: literal Chinese beside English. */
export const DEFAULT_VIEW: Readonly<ViewState> = Object.freeze({ r: 'literal', l: 'both' });

/** localStorage key of the stored view (a JSON {@link ViewState}). */
export const VIEW_STORAGE_KEY = 'reader-view';

const ZH_RENDITIONS: readonly string[] = ['literal', 'free'];
const LANG_MODES: readonly string[] = ['zh', 'en', 'both', 'compare'];

/**
 * Read a partial view from URL query parameters. Unknown values are ignored.
 *
 * `r` may also name the English rendition (`r=en`, as search results link):
 * that asks for English to be visible, so it yields `l: 'en'` unless `l` says otherwise.
 *
 * @param search a query string, with or without the leading `?`
 * @returns only the fields the URL sets validly
 */
export function viewFromSearch(search: string): Partial<ViewState> & { wantsEnglish?: boolean; wantsChinese?: boolean } {
  const params = new URLSearchParams(search);
  const out: Partial<ViewState> & { wantsEnglish?: boolean; wantsChinese?: boolean } = {};
  const r = params.get('r');
  const l = params.get('l');
  if (r && ZH_RENDITIONS.includes(r)) {
    out.r = r as ZhRendition;
    out.wantsChinese = true;
  } else if (r === 'en') {
    out.wantsEnglish = true;
  }
  if (l && LANG_MODES.includes(l)) out.l = l as LangMode;
  return out;
}

/**
 * Parse a stored view (localStorage value). Anything malformed gives `{}`.
 * @param raw the stored string, or null when nothing is stored
 */
export function viewFromStorage(raw: string | null): Partial<ViewState> {
  if (!raw) return {};
  try {
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null) return {};
    const o = v as Record<string, unknown>;
    const out: Partial<ViewState> = {};
    if (typeof o.r === 'string' && ZH_RENDITIONS.includes(o.r)) out.r = o.r as ZhRendition;
    if (typeof o.l === 'string' && LANG_MODES.includes(o.l)) out.l = o.l as LangMode;
    return out;
  } catch {
    return {};
  }
}

/**
 * The view to show: the URL wins over storage, storage over the default.
 * A URL that asks for a rendition the language mode would hide (e.g. `r=free`
 * with a stored `l=en`, or `r=en` with `l=zh` or `l=compare`) switches to both
 * languages, so the linked text is always visible.
 *
 * @param search current `location.search`
 * @param stored current localStorage value (or null)
 */
export function resolveView(search: string, stored: string | null): ViewState {
  const fromUrl = viewFromSearch(search);
  const fromStore = viewFromStorage(stored);
  const view: ViewState = {
    r: fromUrl.r ?? fromStore.r ?? DEFAULT_VIEW.r,
    l: fromUrl.l ?? fromStore.l ?? DEFAULT_VIEW.l,
  };
  if (fromUrl.l === undefined) {
    if (fromUrl.wantsChinese && view.l === 'en') view.l = 'both';
    if (fromUrl.wantsEnglish && (view.l === 'zh' || view.l === 'compare')) view.l = 'both';
  }
  return view;
}

/**
 * Write a view into a query string, keeping any other parameters.
 * @param search the current query string (with or without `?`)
 * @param view the view to record
 * @returns a query string starting with `?`
 */
export function searchWithView(search: string, view: ViewState): string {
  const params = new URLSearchParams(search);
  params.set('r', view.r);
  params.set('l', view.l);
  return `?${params.toString()}`;
}

/**
 * Which rendition elements a view shows.
 * @returns e.g. `['literal', 'en']` for the default view, `['literal', 'free']` in compare view
 */
export function visibleRenditions(view: ViewState): Array<'literal' | 'free' | 'en'> {
  if (view.l === 'compare') return ['literal', 'free'];
  const out: Array<'literal' | 'free' | 'en'> = [];
  if (view.l !== 'en') out.push(view.r);
  if (view.l !== 'zh') out.push('en');
  return out;
}

/**
 * Whether the literal/free choice changes what a view shows: not with English
 * only, nor in compare view (which shows both Chinese renditions).
 */
export function zhChoiceApplies(view: ViewState): boolean {
  return view.l === 'zh' || view.l === 'both';
}
