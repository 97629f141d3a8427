/**
 * Registers the service worker (`<base>sw.js`, built by scripts/offline/build.ts)
 * with workbox-window, and runs the update flow:
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
import { Workbox } from 'workbox-window';
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

function start(): void {
  const wb = new Workbox(withBase('/sw.js'), { scope: withBase('/') });
  let takeover: Promise<void> | null = null;

  const takeOver = (): Promise<void> => {
    takeover ??= new Promise<void>((resolve) => {
      const done = () => resolve();
      wb.addEventListener('controlling', done);
      setTimeout(done, TAKEOVER_TIMEOUT_MS);
      wb.messageSkipWaiting();
    });
    return takeover;
  };

  const navigateAfterTakeover = (go: () => void) => {
    void takeOver().then(go);
  };

  wb.addEventListener('waiting', () => {
    const notice = document.querySelector<HTMLElement>('[data-update-notice]');
    if (notice && sessionStorage.getItem('update-notice-dismissed') !== '1') notice.hidden = false;
    document.addEventListener(
      'click',
      (e) => {
        const a = (e.target as Element | null)?.closest?.('a[href]');
        if (!(a instanceof HTMLAnchorElement) || !isSiteNavigation(a, e)) return;
        e.preventDefault();
        navigateAfterTakeover(() => location.assign(a.href));
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
        navigateAfterTakeover(() => location.assign(url.href));
      },
      true,
    );
  });

  document.querySelector('[data-update-notice] [data-dismiss]')?.addEventListener('click', () => {
    const notice = document.querySelector<HTMLElement>('[data-update-notice]');
    if (notice) notice.hidden = true;
    try {
      sessionStorage.setItem('update-notice-dismissed', '1');
    } catch {
      /* storage unavailable: the notice just comes back on the next page */
    }
  });

  wb.register().catch(() => {
    /* no worker (e.g. blocked by the browser): the site works as before */
  });
}

if ('serviceWorker' in navigator) start();
