/**
 * Entry inlined by the build (scripts/build/figure-assets.ts) at the end of
 * every page whose figures have their own stylesheets: starts
 * {@link watchFigureCss} once the figures are parsed.
 */
import { watchFigureCss } from './figure-css';

watchFigureCss();
