/**
 * Figure slot modules, as returned by `import.meta.glob` on
 * `src/components/figures/slots/*.astro`, turned into a map by figure id.
 * Pure TypeScript.
 */

/**
 * @param modules glob result: path → module with a default export
 * @returns figure id (the file name without `.astro`) → the module's default export
 */
export function slotsById<T>(modules: Record<string, { default: T }>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const [path, mod] of Object.entries(modules)) {
    const id = /([^/]+)\.astro$/.exec(path)?.[1];
    if (id) out[id] = mod.default;
  }
  return out;
}
