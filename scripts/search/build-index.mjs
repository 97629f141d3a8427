#!/usr/bin/env node
/**
 * `npm run build` step 2 (after `astro build`): builds the Pagefind search
 * index over dist/. The work is in build.ts (TypeScript, sharing the
 * segmentation code with the browser), loaded through tsx.
 */
import { tsImport } from 'tsx/esm/api';

const { main } = await tsImport('./build.ts', import.meta.url);
try {
  await main();
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
