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
 *   navigates, so that page and everything after it come from the new build.
 *
 * Does nothing where service workers are unavailable (http on a non-local host,
 * some private modes, no JavaScript).
 */
import { withBase } from '../lib/base';

/** How long a navigation waits for the new worker to take over before going anyway, ms. */
const TAKEOVER_TIMEOUT_MS = 3000;

function isSiteNavigation(a: HTMLAnchorElement, e: MouseEvent): boolean {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return false;
  if (a.target && a.target !== '_self') return false;
  if (a.hasAttribute('download')) return false;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || !url.pathname.startsWith(withBase('/'))) return false;
  // Same page, other fragment: not a navigation.
  return !(url.pathname === location.pathname && url.search === location.search && url.hash);
}

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

/** A new worker waits: show the notice, and let the next link or form navigation go through it. */
function onWaiting(worker: ServiceWorker): void {
  let takeover: Promise<void> | null = null;
  const takeOver = (): Promise<void> => {
    takeover ??= new Promise<void>((resolve) => {
      navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true });
      setTimeout(resolve, TAKEOVER_TIMEOUT_MS);
      worker.postMessage({ type: 'SKIP_WAITING' });
    });
    return takeover;
  };

  const notice = document.querySelector<HTMLElement>('[data-update-notice]');
  if (notice && sessionStorage.getItem('update-notice-dismissed') !== '1') notice.hidden = false;
  document.addEventListener(
    'click',
    (e) => {
      const a = (e.target as Element | null)?.closest?.('a[href]');
      if (!(a instanceof HTMLAnchorElement) || !isSiteNavigation(a, e)) return;
      e.preventDefault();
      void takeOver().then(() => location.assign(a.href));
    },
    true,
  );
  document.addEventListener(
    'submit',
    (e) => {
      const form = e.target;
      if (!(form instanceof HTMLFormElement) || e.defaultPrevented || form.method.toLowerCase() !== 'get') return;
      e.preventDefault();
      const url = new URL(form.action, location.href);
      url.search = new URLSearchParams(new FormData(form) as unknown as Record<string, string>).toString();
      void takeOver().then(() => location.assign(url.href));
    },
    true,
  );
}

async function start(): Promise<void> {
  document.querySelector('[data-update-notice] [data-dismiss]')?.addEventListener('click', () => {
    const notice = document.querySelector<HTMLElement>('[data-update-notice]');
    if (notice) notice.hidden = true;
    try {
      sessionStorage.setItem('update-notice-dismissed', '1');
    } catch {
      /* storage unavailable: the notice just comes back on the next page */
    }
  });

  let reg: ServiceWorkerRegistration;
  try {
    reg = await navigator.serviceWorker.register(withBase('/sw.js'), { scope: withBase('/') });
  } catch {
    return; // no worker (e.g. blocked by the browser): the site works as before
  }
  // An update counts only when an older worker controls this page (a first install just claims it).
  const update = (worker: ServiceWorker | null) => {
    if (!worker || !navigator.serviceWorker.controller) return;
    void installed(worker).then(() => {
      if (worker.state === 'installed') onWaiting(worker);
    });
  };
  update(reg.waiting ?? reg.installing);
  reg.addEventListener('updatefound', () => update(reg.installing));
}

if ('serviceWorker' in navigator) void start();
