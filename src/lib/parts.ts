/**
 * The site's parts (one page each), in reading order, with their URL slugs.
 * Single source for routes, navigation and search-result grouping.
 */
import { withBase } from './base';
import type { PartId } from './seed';

export interface PartRoute {
  part: PartId;
  /** URL path segment: the page is served at `/<slug>/`. */
  slug: string;
}

/** Parts in reading order. */
export const PART_ROUTES: readonly PartRoute[] = [
  { part: 's00', slug: 'flac-jpeg' },
  { part: 's05', slug: 'neural-nets' },
  { part: 's06', slug: 'training' },
];

/**
 * URL path of a part's page, with a trailing slash.
 * @throws Error for an unknown part id
 */
export function partPath(part: string): string {
  const route = PART_ROUTES.find((r) => r.part === part);
  if (!route) throw new Error(`unknown part: ${part}`);
  return withBase(`/${route.slug}/`);
}

/**
 * The part a paragraph id belongs to (`s05-p07` → `s05`).
 * @throws Error when the id is not of the form `sNN-pNN`
 */
export function partOfParagraph(paraId: string): PartId {
  const m = /^(s\d\d)-p\d\d$/.exec(paraId);
  if (!m) throw new Error(`not a paragraph id: ${paraId}`);
  return m[1] as PartId;
}
