/**
 * The "save figures for offline" control (SaveFigures.astro): reads the build's
 * list of figure files (`<base>offline/figures.json`, written by
 * scripts/offline/build.ts: `{ cache, bytes, files: [{ url, bytes }] }`), shows
 * their total size, and on request fetches them all through the service worker,
 * whose CacheFirst route stores them; progress in bytes. The state ("saved") is
 * read from the worker's cache of that build (`cache`), never written here.
 *
 * Shown before first paint by the inline script after the section where service workers
 * and the Cache API exist (so it never pushes the page down after load); hidden again
 * only if the list cannot be read. The size is written into the HTML by the build
 * (scripts/offline/build.ts) and set again here.
 */
import { withBase } from '../../lib/base';
import { formatBytes } from '../../lib/epub/meta';

/** The list the build writes. */
interface FigureFiles {
  cache: string;
  bytes: number;
  files: { url: string; bytes: number }[];
}

/** Files fetched at once. */
const CONCURRENCY = 4;

async function savedCount(list: FigureFiles): Promise<number> {
  if (!(await caches.has(list.cache))) return 0;
  const cache = await caches.open(list.cache);
  const hits = await Promise.all(list.files.map((f) => cache.match(withBase(f.url))));
  return hits.filter(Boolean).length;
}

async function controlled(timeoutMs: number): Promise<boolean> {
  // `ready` never settles when no worker registers (blocked, private mode): bound the wait too.
  await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, timeoutMs))]);
  if (navigator.serviceWorker.controller) return true;
  return new Promise((resolve) => {
    navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true), { once: true });
    setTimeout(() => resolve(Boolean(navigator.serviceWorker.controller)), timeoutMs);
  });
}

/** Fetch one file, reading its body; calls `onBytes(n)` for each chunk of n bytes. */
async function fetchAll(url: string, onBytes: (n: number) => void): Promise<void> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  if (!res.body) {
    onBytes((await res.arrayBuffer()).byteLength);
    return;
  }
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    onBytes(value.byteLength);
  }
}

/** Wire one control (`[data-save-figures]`). */
async function setUp(root: HTMLElement): Promise<void> {
  if (!('serviceWorker' in navigator) || !('caches' in window)) return;
  const res = await fetch(withBase('/offline/figures.json')).catch(() => null);
  if (!res?.ok) {
    root.hidden = true;
    return;
  }
  const list = (await res.json()) as FigureFiles;
  const button = root.querySelector<HTMLButtonElement>('[data-save]')!;
  const progress = root.querySelector<HTMLProgressElement>('progress')!;
  const status = root.querySelector<HTMLElement>('[data-status]')!;
  const size = formatBytes(list.bytes);
  root.querySelectorAll<HTMLElement>('[data-size]').forEach((el) => (el.textContent = size));
  root.dataset.total = String(list.bytes);
  root.hidden = false;

  const show = (state: 'idle' | 'saving' | 'saved' | 'error', zh: string, en: string) => {
    root.dataset.state = state;
    status.innerHTML = '';
    const z = document.createElement('span');
    z.lang = 'zh-CN';
    z.className = 'ui-zh';
    z.textContent = zh;
    const e = document.createElement('span');
    e.lang = 'en';
    e.className = 'ui-en';
    e.textContent = en;
    status.append(z, e);
  };

  const refresh = async () => {
    const n = await savedCount(list);
    if (n === list.files.length) show('saved', `已保存，离线可用（${size}）。`, `Saved for offline use (${size}).`);
    else if (n > 0) show('idle', `已保存 ${n}/${list.files.length} 个文件。`, `${n} of ${list.files.length} files saved.`);
    else show('idle', '', '');
  };
  await refresh();

  button.addEventListener('click', async () => {
    button.disabled = true;
    progress.hidden = false;
    progress.max = list.bytes;
    progress.value = 0;
    show('saving', '正在保存…', 'Saving…');
    try {
      if (!(await controlled(5000))) throw new Error('no service worker controls this page');
      let loaded = 0;
      const failed: string[] = [];
      const queue = [...list.files];
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          for (let f = queue.shift(); f; f = queue.shift()) {
            await fetchAll(withBase(f.url), (n) => {
              loaded += n;
              progress.value = Math.min(loaded, list.bytes);
            }).catch(() => failed.push(f.url));
          }
        }),
      );
      if (failed.length) {
        show('error', `有 ${failed.length} 个文件没能下载，请联网后重试。`, `${failed.length} files could not be downloaded; try again when online.`);
      } else {
        await refresh();
      }
    } catch {
      show('error', '此浏览器现在无法离线保存（请刷新页面后再试）。', 'This browser cannot save for offline use right now (reload the page and try again).');
    } finally {
      button.disabled = false;
      progress.hidden = root.dataset.state !== 'saving';
    }
  });
}

document.querySelectorAll<HTMLElement>('[data-save-figures]').forEach((root) => void setUp(root));
