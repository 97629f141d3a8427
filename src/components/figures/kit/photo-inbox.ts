/**
 * One way in for photos given to a page: files dropped anywhere on the page
 * and images pasted outside text fields. Installed by the photo figure's
 * island; before that, a tiny inline guard (`catdog/photo-drop-guard.ts`)
 * cancels drops so the browser never opens a file (which would leave the
 * page) and keeps dropped files in `window.__photoEarly`, adopted here.
 *
 * Event orders handled: Chromium, Firefox and Safari cancel a drop unless both
 * `dragenter` and `dragover` are cancelled; during a drag only
 * `dataTransfer.types` is readable (`Files`, Firefox also
 * `application/x-moz-file`); on drop, files come from `dataTransfer.files` or,
 * where that is empty (some engines, and pastes of copied images), from
 * `items` of kind `file`. Dropped links and text (e.g. an image dragged from
 * another site in Firefox) carry no file: the reader is told to save the
 * photo first. Browser only; no dependency on any framework.
 */

/** Bilingual message. */
export interface InboxWords {
  zh: string;
  en: string;
}

/** What reaches the figure: image candidates (checked by the figure's decoder), or a problem to report. */
export type InboxDelivery = { files: File[] } | { problem: InboxWords };

/** The page's inbox (`window.__photoInbox`). */
export interface PhotoInbox {
  /** Files (or a problem) given before a taker registered; the taker gets them on registration. */
  pending: InboxDelivery | null;
  /** The figure's handler; null until its island has hydrated. */
  taker: ((d: InboxDelivery) => void) | null;
  /**
   * Register the figure's handler (it receives anything pending at once).
   * @param root the figure's root element: pastes count as aimed at it when focus is inside it or it is on screen
   * @returns a function that unregisters
   */
  register(take: (d: InboxDelivery) => void, root: Element): () => void;
}

const NOT_A_FILE: InboxWords = {
  zh: '拖进来的是链接或文字，不是文件。请先把照片保存到本机，再把文件拖到这里，或点“选择照片”。',
  en: 'That was a link or text, not a file. Save the photo to your device first, then drop the file here, or use “Choose a photo”.',
};
const NO_IMAGE_PASTED: InboxWords = {
  zh: '剪贴板里没有图片。请复制照片本身（不是它的地址）后再粘贴，或点“选择照片”。',
  en: 'The clipboard holds no image. Copy the photo itself (not its address) and paste again, or use “Choose a photo”.',
};
const WAITING: InboxWords = {
  zh: '已收到照片：图中的网络一加载好就会读取它（就在“你自己的照片”那一格）。',
  en: 'Photo received: it will be read as soon as the cat-or-dog figure has loaded (the “Your own photo” card).',
};
const SENT_ELSEWHERE: InboxWords = {
  zh: '照片已交给“猫还是狗”那张图（“你自己的照片”一格）。',
  en: 'Your photo went to the cat-or-dog figure (the “Your own photo” card).',
};

/** Input types that do not take text: a paste while one of these has focus is not the field's. */
const NON_TEXT_INPUTS = new Set(['button', 'checkbox', 'radio', 'range', 'color', 'file', 'submit', 'reset', 'image', 'hidden']);

/**
 * Whether `el` is a place where the reader types (so a paste or a text drop belongs to it).
 * @param el any node or null
 */
export function isTextField(el: EventTarget | null): boolean {
  if (!(el instanceof Element)) return false;
  if ((el as HTMLElement).isContentEditable) return true;
  if (el instanceof HTMLTextAreaElement) return !el.readOnly && !el.disabled;
  if (el instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(el.type) && !el.readOnly && !el.disabled;
  return false;
}

/** Whether a drag carries files (readable during dragenter/dragover in every engine). */
function carriesFiles(dt: DataTransfer | null): boolean {
  const types = dt ? Array.from(dt.types ?? []) : [];
  return types.includes('Files') || types.includes('application/x-moz-file');
}

/** Whether a drag carries a link (dropping one on a page may navigate in some engines). */
function carriesLink(dt: DataTransfer | null): boolean {
  return !!dt && Array.from(dt.types ?? []).includes('text/uri-list');
}

/**
 * Files of a drop or paste: `files`, else `items` of kind `file`.
 * @param dt the event's DataTransfer (null: none)
 */
export function filesOf(dt: DataTransfer | null): File[] {
  if (!dt) return [];
  const files = Array.from(dt.files ?? []);
  if (files.length) return files;
  const out: File[] = [];
  for (const item of Array.from(dt.items ?? [])) {
    if (item.kind !== 'file') continue;
    const f = item.getAsFile();
    if (f) out.push(f);
  }
  return out;
}

/** Show a short message at the bottom of the viewport (role=status), replacing the previous one. */
function toast(words: InboxWords): void {
  const id = 'photo-inbox-toast';
  let el = document.getElementById(id);
  if (!el) {
    el = document.createElement('div');
    el.id = id;
    el.setAttribute('role', 'status');
    el.className = 'photo-inbox-toast';
    el.style.cssText =
      'position:fixed;left:50%;bottom:1rem;transform:translateX(-50%);z-index:50;max-width:min(36rem,calc(100vw - 2rem));' +
      'padding:.6rem .9rem;border:1px solid var(--border,#888);border-radius:8px;background:var(--surface,#fff);color:var(--fg,#111);' +
      'font:14px/1.5 var(--font-ui,sans-serif);box-shadow:0 4px 16px rgba(0,0,0,.18)';
    document.body.appendChild(el);
  }
  const ui = document.documentElement.getAttribute('data-ui');
  el.textContent = ui === 'en' ? words.en : ui === 'zh' ? words.zh : `${words.zh} ${words.en}`;
  el.hidden = false;
  clearTimeout(Number(el.dataset.timer ?? 0));
  el.dataset.timer = String(setTimeout(() => (el!.hidden = true), 8000));
}

/**
 * Install the inbox on this page (once; later calls return the same one).
 * @param rootSelector CSS selector of the photo figure's element, used before
 *   its island registers (to tell whether a paste was aimed at it)
 * @returns the inbox
 */
export function installPhotoInbox(rootSelector = '[data-photo-inbox]'): PhotoInbox {
  const w = window as unknown as { __photoInbox?: PhotoInbox; __photoEarly?: { files: File[] | null } };
  if (w.__photoInbox) return w.__photoInbox;
  let registered: Element | null = null;
  const figure = () => registered ?? document.querySelector(rootSelector);
  const inbox: PhotoInbox = {
    pending: null,
    taker: null,
    register(take, figureRoot) {
      inbox.taker = take;
      registered = figureRoot;
      const p = inbox.pending;
      inbox.pending = null;
      if (p) take(p);
      return () => {
        if (inbox.taker === take) inbox.taker = null;
      };
    },
  };
  w.__photoInbox = inbox;
  // Files dropped before this inbox existed (kept by the inline guard).
  const early = w.__photoEarly?.files;
  if (early?.length) inbox.pending = { files: early };
  if (w.__photoEarly) w.__photoEarly.files = null;

  const deliver = (d: InboxDelivery, target: EventTarget | null) => {
    const root = figure();
    const inside = !!root && target instanceof Node && root.contains(target);
    if (inbox.taker) {
      inbox.taker(d);
      // The figure shows its own message; when the input arrived elsewhere on the page, say it where the reader is.
      if (!inside) toast('files' in d ? SENT_ELSEWHERE : d.problem);
    } else if ('files' in d) {
      inbox.pending = d;
      toast(WAITING);
    } else {
      toast(d.problem);
    }
  };

  // A link or text dragged within this page is the page's own business (not a photo): leave it alone.
  let internal = false;
  window.addEventListener('dragstart', () => (internal = true));
  window.addEventListener('dragend', () => (internal = false));

  const onDragOver = (e: DragEvent) => {
    if (carriesFiles(e.dataTransfer) || (!internal && carriesLink(e.dataTransfer) && !isTextField(e.target))) {
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    }
  };
  window.addEventListener('dragenter', onDragOver);
  window.addEventListener('dragover', onDragOver);
  window.addEventListener('drop', (e: DragEvent) => {
    const files = filesOf(e.dataTransfer);
    if (!files.length && !carriesFiles(e.dataTransfer)) {
      // A text drag into a text field is the field's; a dropped link elsewhere must not navigate.
      if (internal || isTextField(e.target) || !carriesLink(e.dataTransfer)) return;
      e.preventDefault();
      deliver({ problem: NOT_A_FILE }, e.target);
      return;
    }
    e.preventDefault();
    deliver(files.length ? { files } : { problem: NOT_A_FILE }, e.target);
  });
  document.addEventListener('paste', (e: ClipboardEvent) => {
    const target = document.activeElement && document.activeElement !== document.body ? document.activeElement : e.target;
    if (isTextField(target) || isTextField(e.target)) return;
    const files = filesOf(e.clipboardData);
    if (files.length) {
      e.preventDefault();
      deliver({ files }, target);
      return;
    }
    // Text pasted on the page is nobody's business unless it was aimed at the photo figure.
    const root = figure();
    if (root && ((target instanceof Node && root.contains(target)) || onScreen(root))) {
      e.preventDefault();
      deliver({ problem: NO_IMAGE_PASTED }, target);
    }
  });
  return inbox;
}

/** Whether part of `el` is inside the viewport. */
function onScreen(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return r.bottom > 0 && r.top < window.innerHeight && r.width > 0;
}
