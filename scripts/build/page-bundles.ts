/**
 * One stylesheet and one script per page (issue 12), after `astro build`:
 * Astro links a reading page's CSS as 2–3 files and its scripts as 4 entry
 * modules plus 4 shared chunks; compressed one by one they weigh ~0.7 KB (CSS)
 * and ~1.4 KB (JS) gzip more than together, because each file starts a new
 * gzip dictionary. For each built page this step
 *
 * - concatenates its `<link rel="stylesheet">` files from `_astro/` (in order)
 *   into `_astro/css.<hash>.css`, linked where the first one was;
 * - bundles its `<script type="module" src="/_astro/…">` entries (in document
 *   order) with esbuild into `_astro/js.<hash>.js`, loaded where the first one
 *   was (module scripts run in document order after parsing, so moving them
 *   together changes nothing). Code loaded later by `import()` stays in its own
 *   files, unchanged: a shared module it imports (storage, base path) is then
 *   fetched once more, on first use of that feature. The figure loader the
 *   figure step inlined (`<script data-fig-loader>`, src/scripts/figure-css-watch.ts)
 *   joins the bundle, last.
 *
 * The search page is left as built: its search code loads at once by
 * `import()` and would fetch the modules it shares with the page's scripts twice.
 *
 * Files are named by a hash of their content, so pages with the same set share
 * them. The originals stay in place (code loaded on demand still imports them).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';

const hash = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 12);
const LINK = /<link rel="stylesheet" href="([^"]+)">/g;
const MODULE = /<script type="module" src="([^"]+)"><\/script>/g;

/** esbuild plugin: every `import()` stays a request for the original file, next to the bundle in `_astro/`. */
const keepDynamicImports: Plugin = {
  name: 'keep-dynamic-imports',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
  },
};

/**
 * Rewrite the links and module scripts of one page (pure apart from `read` and `write`).
 *
 * @param html the built page
 * @param assets URL prefix of Astro's assets (`/_astro/`)
 * @param read the text of an asset, by its name inside the assets folder
 * @param write stores a new asset (name inside the assets folder, text)
 * @param bundleJs bundles entry modules (names inside the assets folder, in order; then the figure loader
 *   when `withLoader`) into one module's code
 * @returns (a promise of) the page linking one stylesheet and one script (each only when it had two or more); elements
 *   inside `<noscript>` are left alone
 */
export async function bundlePage(
  html: string,
  assets: string,
  read: (name: string) => string,
  write: (name: string, text: string) => void,
  bundleJs: (entries: string[], withLoader: boolean) => Promise<string>,
): Promise<string> {
  if (/\sdata-search-page[\s>=]/.test(html)) return html;
  let out = html;
  /** Is offset `i` of the current `out` outside every `<noscript>`? */
  const outside = (i: number) => ![...out.matchAll(/<noscript>[\s\S]*?<\/noscript>/g)].some((m) => i >= m.index! && i < m.index! + m[0].length);
  const links = [...out.matchAll(LINK)].filter((m) => outside(m.index!) && m[1]!.startsWith(assets) && m[1]!.endsWith('.css'));
  if (links.length > 1) {
    const text = links.map((m) => read(m[1]!.slice(assets.length))).join('\n');
    const name = `css.${hash(text)}.css`;
    write(name, text);
    for (const m of [...links].reverse()) {
      const replacement = m === links[0] ? `<link rel="stylesheet" href="${assets}${name}">` : '';
      out = out.slice(0, m.index!) + replacement + out.slice(m.index! + m[0].length);
    }
  }
  const scripts = [...out.matchAll(MODULE)].filter((m) => outside(m.index!) && m[1]!.startsWith(assets));
  const loader = /<script data-fig-loader>[\s\S]*?<\/script>/.exec(out);
  if (scripts.length > 1 || (scripts.length && loader)) {
    if (loader) out = out.slice(0, loader.index) + out.slice(loader.index + loader[0].length);
    const code = await bundleJs(
      scripts.map((m) => m[1]!.slice(assets.length)),
      !!loader,
    );
    const name = `js.${hash(code)}.js`;
    write(name, code);
    // The loader sits before </body>, after every module script: their offsets still hold.
    for (const m of [...scripts].reverse()) {
      const replacement = m === scripts[0] ? `<script type="module" src="${assets}${name}"></script>` : '';
      out = out.slice(0, m.index!) + replacement + out.slice(m.index! + m[0].length);
    }
  }
  return out;
}

/**
 * Apply {@link bundlePage} to every built page.
 *
 * @param root the build output folder
 * @param pages the built HTML files
 * @param base the site's base path, ending in `/`
 * @param loaderEntry absolute path of src/scripts/figure-css-watch.ts
 * @returns (a promise of) how many pages changed
 */
export async function bundlePages(root: string, pages: string[], base: string, loaderEntry: string): Promise<number> {
  const dir = join(root, '_astro');
  const cache = new Map<string, string>();
  const bundleJs = async (entries: string[], withLoader: boolean) => {
    const key = `${entries.join('\n')}\n${withLoader}`;
    let code = cache.get(key);
    if (code === undefined) {
      code = (
        await build({
        stdin: {
          contents: [...entries.map((e) => `import './${e}';`), ...(withLoader ? [`import ${JSON.stringify(loaderEntry)};`] : [])].join('\n'),
          resolveDir: dir,
          loader: 'js',
        },
        bundle: true,
        format: 'esm',
        minify: true,
        target: 'es2020',
        write: false,
        plugins: [keepDynamicImports],
        logLevel: 'silent',
        })
      ).outputFiles[0]!.text;
      cache.set(key, code);
    }
    return code;
  };
  let changed = 0;
  for (const file of pages) {
    const html = readFileSync(file, 'utf8');
    const next = await bundlePage(
      html,
      `${base}_astro/`,
      (name) => readFileSync(join(dir, name), 'utf8'),
      (name, text) => writeFileSync(join(dir, name), text),
      bundleJs,
    );
    if (next !== html) {
      writeFileSync(file, next);
      changed++;
    }
  }
  return changed;
}
