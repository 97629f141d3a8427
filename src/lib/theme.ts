/**
 * Colour theme choice: follow the system (`auto`), or force light or dark.
 * Pure helpers; the choice is stored in localStorage under {@link THEME_STORAGE_KEY}.
 */
export type Theme = 'auto' | 'light' | 'dark';

export const THEME_STORAGE_KEY = 'reader-theme';

/**
 * @param raw a stored value (or null)
 * @returns the theme it names, `auto` for anything else
 */
export function parseTheme(raw: string | null): Theme {
  return raw === 'light' || raw === 'dark' ? raw : 'auto';
}
