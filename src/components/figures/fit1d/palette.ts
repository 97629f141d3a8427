/**
 * Eight distinguishable line colours for the random draws of figure
 * "fit1d-random" (the Tableau 10 hues, readable on the light and the dark
 * background), so a draw has the same colour in the gallery and the overlay.
 */
export const DRAW_COLORS = ['#4e79a7', '#f28e2b', '#e15759', '#59a14f', '#b07aa1', '#76b7b2', '#edc948', '#ff9da7'] as const;

/** Colour of draw `k` (0-based), cycling through {@link DRAW_COLORS}. */
export function drawColor(k: number): string {
  return DRAW_COLORS[((k % DRAW_COLORS.length) + DRAW_COLORS.length) % DRAW_COLORS.length]!;
}
