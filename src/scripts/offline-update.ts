/**
 * The update half of src/scripts/offline.ts, loaded only when a new service
 * worker is waiting (after a deploy): shows the notice and lets the reader's
 * next link or GET form navigation go through the new worker.
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

/**
 * A new worker waits: show the notice (`[data-update-notice]`, unless dismissed in
 * this tab), and make the next same-site link or GET form navigation first ask the
 * worker to take over (`{ type: 'SKIP_WAITING' }`), then navigate once it controls
 * the page (or after 3000 ms).
 * @param worker the waiting worker
 */
export function onWaiting(worker: ServiceWorker): void {
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
  notice?.querySelector('[data-dismiss]')?.addEventListener('click', () => {
    notice.hidden = true;
    try {
      sessionStorage.setItem('update-notice-dismissed', '1');
    } catch {
      /* storage unavailable: the notice just comes back on the next page */
    }
  });
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
