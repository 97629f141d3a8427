#!/usr/bin/env node
/**
 * `npm run build` step 3 (after `astro build` and the search index): CSP meta on
 * every page, web app manifest and icons, the service worker. The work is in
 * build.ts, loaded through tsx.
 */
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('./build.ts', import.meta.url);
try {
  await main();
} catch (err) {
  console.error(err instanceof Error ? err.stack ?? err.message : err);
  process.exit(1);
}
