/**
 * Keyboard routes for pointer-driven figures: the arrow keys move a point,
 * Shift makes the step larger. Pure; no DOM access beyond reading the event.
 */

/**
 * The move an arrow key asks for, in "steps" along x (right +) and y (up +,
 * as in maths), or null for any other key.
 * @param e a keydown event (only `key` and `shiftKey` are read)
 * @param big how many steps Shift+arrow moves (default 4)
 */
export function arrowMove(e: Pick<KeyboardEvent, 'key' | 'shiftKey'>, big = 4): [number, number] | null {
  const n = e.shiftKey ? big : 1;
  switch (e.key) {
    case 'ArrowLeft':
      return [-n, 0];
    case 'ArrowRight':
      return [n, 0];
    case 'ArrowUp':
      return [0, n];
    case 'ArrowDown':
      return [0, -n];
    default:
      return null;
  }
}
