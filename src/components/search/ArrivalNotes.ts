/**
 * What a part page adds when it is opened from a search result, loaded by
 * HighlightOnArrival.ts only then (so content pages ship none of it):
 *
 * - the counterpart of the hit: the same segment (`[data-seg-id]`) in the
 *   paragraph's other renditions gets the class `search-counterpart` (a tint
 *   and an underline, not colour alone), so a reader of 对照 sees which Chinese
 *   sentence an English hit stands for;
 * - when the hit exists only in a rendition the reader's view did not show
 *   (`?only=<rendition>`, set by the result link), a short bilingual notice
 *   (a polite status message) says that the page switched to it. It goes away
 *   after {@link NOTICE_MS} or on a click; the parameter leaves the URL.
 */

const COUNTERPART_CLASS = 'search-counterpart';
/** How long the notice stays, in ms. */
export const NOTICE_MS = 9000;

const STYLES = `[data-seg-id].${COUNTERPART_CLASS}{background:var(--highlight);text-decoration:underline 2px var(--accent);text-underline-offset:.3em;text-decoration-skip-ink:none;border-radius:3px}
.search-notice{position:fixed;z-index:60;left:50%;bottom:max(1rem,env(safe-area-inset-bottom));transform:translateX(-50%);max-width:min(36rem,calc(100vw - 2rem));margin:0;padding:.6rem .9rem;border:1px solid var(--accent);border-radius:8px;background:var(--surface);color:var(--fg);box-shadow:0 4px 18px rgb(0 0 0/.18);font:.875rem/1.5 var(--font-ui);cursor:pointer}`;

const NOTE: Record<string, [string, string]> = {
  literal: ['这段只在直译中找到，已切换到直译。', 'Found only in the literal Chinese: now showing it.'],
  free: ['这段只在意译中找到，已切换到意译。', 'Found only in the free Chinese: now showing it.'],
  en: ['这段只在英文中找到，已显示英文。', 'Found only in the English: now showing it.'],
};

function ensureStyles(): void {
  if (document.getElementById('search-arrival-styles')) return;
  const style = document.createElement('style');
  style.id = 'search-arrival-styles';
  style.textContent = STYLES;
  document.head.append(style);
}

/**
 * Mark the hit's counterparts and show the notice.
 * @param para the paragraph element (`[data-para-id]`)
 * @param target the id the link named: a segment id (`s05-p07-s2`) or the paragraph id
 * @param rendition the rendition that holds the hit (`r` of the link), or null
 * @param onlyIn the `only` parameter (a rendition), or null
 * @returns the number of counterpart segments marked
 */
export function arrive(para: Element, target: string, rendition: string | null, onlyIn: string | null): number {
  ensureStyles();
  for (const el of document.querySelectorAll(`.${COUNTERPART_CLASS}`)) el.classList.remove(COUNTERPART_CLASS);
  let marked = 0;
  if (/-s\d+$/.test(target)) {
    for (const span of para.querySelectorAll(`[data-seg-id="${CSS.escape(target)}"]`)) {
      if (span.closest('[data-rendition]')?.getAttribute('data-rendition') === rendition) continue;
      span.classList.add(COUNTERPART_CLASS);
      marked++;
    }
  }
  document.querySelector('.search-notice')?.remove();
  const note = onlyIn ? NOTE[onlyIn] : undefined;
  if (note) {
    const p = document.createElement('p');
    p.className = 'search-notice';
    p.setAttribute('role', 'status');
    const zh = document.createElement('span');
    zh.lang = 'zh-CN';
    zh.className = 'ui-zh';
    zh.textContent = note[0];
    const en = document.createElement('span');
    en.lang = 'en';
    en.className = 'ui-en';
    en.textContent = note[1];
    p.append(zh, en);
    document.body.append(p);
    const remove = () => p.remove();
    p.addEventListener('click', remove);
    window.setTimeout(remove, NOTICE_MS);
    // Said once: a reload or a copied link does not say it again.
    const url = new URL(window.location.href);
    url.searchParams.delete('only');
    history.replaceState(history.state, '', url);
  }
  return marked;
}
