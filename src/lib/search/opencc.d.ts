/**
 * Types for opencc-js's per-locale dictionary modules (`opencc-js/from/<locale>`,
 * `opencc-js/to/<locale>`), which the package exports without declarations.
 */
declare module 'opencc-js/from/*' {
  import type { DictGroup } from 'opencc-js/core';
  const groups: readonly DictGroup[];
  export default groups;
}
declare module 'opencc-js/to/*' {
  import type { DictGroup } from 'opencc-js/core';
  const groups: readonly DictGroup[];
  export default groups;
}
