/**
 * Where the built book lives and how its size is shown; shared by the build
 * script, the home page and the tests.
 */

/** File name of the book under `dist/book/` (ASCII, so every server and cache handles it; the link's `download` attribute gives the Chinese name). */
export const BOOK_FILE = 'reading-neural-nets.epub';

/** Name a reader's browser saves the book under. */
export const BOOK_DOWNLOAD_NAME = '神经网络读本.epub';

/**
 * A byte count for readers: `812 KB`, `1.4 MB` (1 KB = 1000 bytes, SI).
 * @param bytes size in bytes (≥ 0)
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1e6) return `${Math.max(1, Math.round(bytes / 1e3))} KB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}
