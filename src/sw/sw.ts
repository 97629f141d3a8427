/**
 * The service worker's source (bundled by esbuild and given its precache list by
 * Workbox's `injectManifest` in scripts/offline/build.ts; served as `<base>sw.js`).
 * Every piece of caching is a Workbox module; this file only wires them:
 *
 * - precache: every file the build emitted for reading and searching (pages, CSS/JS,
 *   glossary, search index), each with its revision hash, so one build's files are
 *   served together; query strings (`?r=en&hl=…`) are ignored when matching a page;
 * - runtime cache (CacheFirst, same origin only) for the figures' files (model weights,
 *   the tfjs runtime chunks and `.wasm`, sample photos) the first time a figure loads
 *   them; the cache's name carries a hash of those files, so a deploy that changes
 *   them starts a new cache and the old one is deleted when the new worker activates;
 * - a waiting worker takes over when the page asks (`{ type: 'SKIP_WAITING' }`, sent
 *   by src/scripts/offline.ts just before the reader's next navigation).
 */
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { clientsClaim } from 'workbox-core';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };
/** Name of the runtime cache for figure files, e.g. `figures-3f2a9c1d` (set by the build). */
declare const FIGURE_CACHE: string;
/** Path prefixes, relative to the worker's folder, served from the figure cache (set by the build). */
declare const FIGURE_PREFIXES: string[];

precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/] });
cleanupOutdatedCaches();

const scope = new URL('./', self.location.href);
const prefixes = FIGURE_PREFIXES.map((p) => new URL(p, scope).pathname);
registerRoute(
  ({ url, sameOrigin, request }) => sameOrigin && request.method === 'GET' && prefixes.some((p) => url.pathname.startsWith(p)),
  new CacheFirst({ cacheName: FIGURE_CACHE, plugins: [new CacheableResponsePlugin({ statuses: [200] })] }),
);

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// A first install controls the open page at once (nothing older to mix with); updates wait for SKIP_WAITING.
clientsClaim();

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith('figures-') && k !== FIGURE_CACHE).map((k) => caches.delete(k)))),
  );
});
