/**
 * Helpers shared by the e2e tests that run on every built page and in every
 * reading view: the list of pages in `dist/` and the view modes the site
 * defines (read from src/lib/view-state.ts, so a new mode is tested as soon
 * as it exists).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const DIST = process.env.SITE_DIST ?? 'dist';

/** URL paths of every HTML page in dist/ (e.g. `/`, `/neural-nets/`, `/404.html`), sorted. */
export function builtPages(dir = DIST): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== '_astro' && name !== 'pagefind' && name !== 'tfjs') out.push(...builtPages(p));
    } else if (name.endsWith('.html')) {
      const rel = '/' + relative(DIST, p).replace(/\\/g, '/');
      out.push(rel.endsWith('index.html') ? rel.slice(0, -'index.html'.length) : rel);
    }
  }
  return out.sort();
}

/** The string-literal members of `export type <name> = 'a' | 'b' …` in view-state.ts. */
function unionMembers(source: string, name: string): string[] {
  const m = new RegExp(`export type ${name}\\s*=([^;]+);`).exec(source);
  if (!m) throw new Error(`src/lib/view-state.ts no longer declares type ${name}: update tests/e2e/built-pages.ts`);
  return [...m[1]!.matchAll(/'([^']+)'/g)].map((x) => x[1]!);
}

/** One reading view as query parameters, e.g. `{ r: 'free', l: 'both' }`. */
export type ViewParams = Record<string, string>;

/**
 * Every reading view the site defines: each Chinese rendition (`ZhRendition`)
 * × each language mode (`LangMode`) of src/lib/view-state.ts. A language mode
 * without Chinese (`en`) is listed once.
 */
export function viewModes(): ViewParams[] {
  const src = readFileSync('src/lib/view-state.ts', 'utf8');
  const rs = unionMembers(src, 'ZhRendition');
  const ls = unionMembers(src, 'LangMode');
  const out: ViewParams[] = [];
  for (const l of ls) for (const r of l === 'en' ? [rs[0]!] : rs) out.push({ r, l });
  return out;
}
