/**
 * URL parameters shared by search and the part pages. Its own module, so the
 * page code that reads them does not pull in the search code.
 */

/** Query parameter that carries the query to the page, which highlights it (HighlightOnArrival.ts). */
export const HIGHLIGHT_PARAM = 'hl';

/**
 * Query parameter set by a search result whose hit is only in a rendition the
 * reader's view did not show (value: that rendition, `literal` | `free` |
 * `en`): the page says so on arrival (HighlightOnArrival.ts).
 */
export const ONLY_IN_PARAM = 'only';
