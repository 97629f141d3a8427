/**
 * Registers the service worker (`<base>sw.js`, built by scripts/offline/build.ts)
 * with the browser's own API (workbox-window would add ~3 KB gzip to every page, past
 * the 8 KB reading budget of tests/e2e/weight.test.ts), and runs the update flow:
 *
 * - a first visit works exactly as without the worker; the worker installs in
 *   the background and precaches the site;
 * - after a new deploy, the browser installs the new worker, which waits while
 *   this page (served wholly by the old one) stays open; the reader sees a small
 *   notice (`[data-update-notice]`, dismissable) and the next link they follow
 *   (or search form they send) first lets the new worker take over, then
 *   navigates, so that page and everything after it come from the new build
 *   (that part is src/scripts/offline-update.ts, loaded only then).
 *
 * Does nothing where service workers are unavailable (http on a non-local host,
 * some private modes, no JavaScript).
 */
import { withBase } from '../lib/base';

/** Resolves when `worker` reaches `installed` (or later); never rejects. */
function installed(worker: ServiceWorker): Promise<void> {
  return new Promise((resolve) => {
    if (worker.state !== 'installing') return resolve();
    worker.addEventListener('statechange', function onChange() {
      if (worker.state === 'installing') return;
      worker.removeEventListener('statechange', onChange);
      resolve();
    });
  });
}

async function start(): Promise<void> {
  let reg: ServiceWorkerRegistration | undefined;
  try {
    reg = await navigator.serviceWorker.register(withBase('/sw.js'), { scope: withBase('/') });
  } catch {
    /* refused (e.g. by the browser's settings): the site works as before */
  }
  if (!reg) return;
  // An update counts only when an older worker controls this page (a first install just claims it).
  const update = (worker: ServiceWorker | null) => {
    if (!worker || !navigator.serviceWorker.controller) return;
    void installed(worker).then(() => {
      if (worker.state === 'installed') void import('./offline-update').then((m) => m.onWaiting(worker));
    });
  };
  update(reg.waiting ?? reg.installing);
  reg.addEventListener('updatefound', () => update(reg.installing));
}

if ('serviceWorker' in navigator) void start();
