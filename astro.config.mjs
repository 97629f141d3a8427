// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import preact from '@astrojs/preact';
import rehypeLang from './src/lib/rehype-lang.ts';
import figureAssets from './scripts/build/figure-assets.ts';

/**
 * Static site: every page is pre-rendered; figure islands are Preact
 * components hydrated with `client:visible` (or `client:visibleprops`, whose
 * props the figure-assets integration moves out of the page, with the large
 * inline SVG fallbacks). Pagefind indexes `dist/` after
 * `astro build` (see package.json "build").
 */
export default defineConfig({
  site: 'http://127.0.0.1:4321',
  // SITE_BASE serves the site under a path (e.g. `SITE_BASE=/readers/nn/ npm run build`); every internal URL goes through src/lib/base.ts.
  base: process.env.SITE_BASE || '/',
  output: 'static',
  // SITE_DIST builds elsewhere (e.g. a scratch folder); tests, benchmarks and the search index read the same variable.
  outDir: process.env.SITE_DIST ?? './dist',
  trailingSlash: 'always',
  build: { format: 'directory', inlineStylesheets: 'auto' },
  integrations: [mdx({ rehypePlugins: [rehypeLang] }), preact(), figureAssets()],
  compressHTML: true,
  devToolbar: { enabled: false },
  prefetch: false,
  vite: {
    build: { assetsInlineLimit: 0 },
    optimizeDeps: { exclude: ['@tensorflow/tfjs-backend-wasm'] },
    // Module workers (the digit network's, src/lib/models/digits.worker.ts) keep their dynamic imports (tfjs loads lazily there too).
    worker: { format: 'es' },
  },
});
