/**
 * localStorage that never throws (browser module). Storage can be blocked
 * (private modes, a disabled site-data setting, a full quota): then reads
 * give null and writes are dropped, and callers keep what they need in the
 * URL or for the current page only.
 */

/**
 * Store a string.
 * @param key storage key
 * @param value the string to keep
 */
export function storeItem(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* storage blocked or full: nothing is kept */
  }
}

/**
 * Read a stored string.
 * @param key storage key
 * @returns the value, or null when absent or when storage is blocked
 */
export function readItem(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
