/**
 * The update half of src/scripts/offline.ts, loaded only when a new service
 * worker is waiting (after a deploy): shows the notice and lets the reader's
 * next link or GET form navigation go through the new worker.
 */
import { withBase } from '../lib/base';

/** The notice's styles (OfflineSupport.astro), added when it is first shown: kept out of every page's first-load CSS. */
const NOTICE_STYLES = `.update-notice{position:fixed;inset-inline-end:1rem;inset-block-end:1rem;z-index:60;display:flex;align-items:start;gap:.5rem;max-width:min(24rem,calc(100vw - 2rem));padding:.6rem .6rem .6rem .9rem;background:var(--bg);color:var(--fg,inherit);border:1px solid var(--border);border-inline-start:4px solid var(--accent);border-radius:6px;box-shadow:0 4px 16px rgb(0 0 0/.15);font-size:.9rem}
.update-notice[hidden]{display:none}
.update-notice p{margin:0}
.update-notice button{flex:none;border:0;background:none;color:inherit;font-size:1.2rem;line-height:1;padding:.15rem .35rem;cursor:pointer}
@media print{.update-notice{display:none}}`;

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
  if (notice) document.head.append(Object.assign(document.createElement('style'), { textContent: NOTICE_STYLES }));
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
