/**
 * URL parameters shared by search and the part pages. Its own module, so the
 * page code that reads them does not pull in the search code.
 */

/** Query parameter that carries the query to the page, which highlights it (HighlightOnArrival.ts). */
export const HIGHLIGHT_PARAM = 'hl';
