/**
 * Inline, parse-time script (see `InlineScript.astro`) of the photo figure's
 * slot, kept tiny because it ships before any interaction: until the figure's
 * island has installed the page's photo inbox (`../kit/photo-inbox.ts`), a
 * file (or link) dragged onto the page is cancelled at `dragenter`/`dragover`
 * /`drop` so the browser never opens it and leaves the page; dropped files are
 * kept in `window.__photoEarly.files` for the inbox, the photo figure is
 * scrolled into view (which hydrates it) and its drop card says the photo
 * will be read as soon as the figure has loaded.
 */
const w = window as unknown as { __photoInbox?: unknown; __photoEarly?: { files: File[] | null } };
const early: { files: File[] | null } = (w.__photoEarly = { files: null });
const carries = (e: DragEvent) => {
  const types = Array.from(e.dataTransfer?.types ?? []);
  const target = e.target as Element | null;
  return types.includes('Files') || (types.includes('text/uri-list') && !target?.closest?.('input,textarea,[contenteditable]'));
};
const over = (e: DragEvent) => {
  if (!w.__photoInbox && carries(e)) e.preventDefault();
};
window.addEventListener('dragenter', over);
window.addEventListener('dragover', over);
window.addEventListener('drop', (e) => {
  if (w.__photoInbox || !carries(e)) return;
  e.preventDefault();
  const files = Array.from(e.dataTransfer?.files ?? []);
  if (!files.length) return;
  early.files = files;
  const root = document.querySelector('[data-catdog-figure="examples"]');
  const text = root?.querySelector('.cd-drop-text');
  if (text) {
    text.setAttribute('role', 'status');
    text.innerHTML =
      '<span lang="zh-CN" class="ui-zh">已收到照片，图一加载好就会读取它。</span><span lang="en" class="ui-en">Photo received: it will be read as soon as this figure has loaded.</span>';
  }
  root?.scrollIntoView({ block: 'center' });
});
