/**
 * Serves the built site (`dist/`, or `$SITE_DIST`) on 127.0.0.1 at a free port for the e2e
 * project and publishes its origin as `process.env.E2E_ORIGIN`.
 * Throws when `dist/` is missing: run `npm run build` (npm test does it).
 */
import { existsSync } from 'node:fs';
import { startStaticServer } from './server';
import type { TestProject } from 'vitest/node';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dist = process.env.SITE_DIST ?? 'dist';
  if (!existsSync(`${dist}/index.html`)) throw new Error(`${dist}/ is missing: run \`npm run build\` first (npm test does it).`);
  const server = await startStaticServer(dist);
  project.provide('origin', server.origin);
  process.env.E2E_ORIGIN = server.origin;
  return () => server.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    origin: string;
  }
}
