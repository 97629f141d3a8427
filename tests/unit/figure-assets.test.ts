/**
 * The build step that moves figure fallbacks out of the HTML
 * (scripts/build/figure-assets.ts): what stays in the page, what goes to files.
 */
import { describe, expect, it } from 'vitest';
import { rewritePage, svgStyle } from '../../scripts/build/figure-assets';

const CSS = `
:root { color-scheme: light dark; --fg: light-dark(#111, #eee); }
.box .dot { fill: var(--fg); }
.dot { stroke: red; }
.other { fill: blue; }
.card svg { width: 100%; }
@media (max-width: 30rem) { .dot { stroke-width: 2; } }
`;
const dots = Array.from({ length: 60 }, (_, i) => `<circle class="dot" cx="${i}" cy="5" r="2"></circle>`).join('');
const PAGE =
  `<!DOCTYPE html><html><head><title>t</title></head><body><main><p>Text</p>` +
  `<figure class="fig" data-figure-id="f1"><div class="box card">` +
  `<svg viewBox="0 0 120 40" role="img" aria-label="Sixty dots" data-astro-cid-abc>${dots}</svg>` +
  `<svg viewBox="0 0 10 10" aria-hidden="true"><path d="M0 0h10"></path></svg>` +
  `<img src="data:image/png;base64,iVBORw0KGgo=" alt="map" width="20" height="20">` +
  `<astro-island uid="x" props="{&quot;n&quot;:[0,1]}" ssr client="visibleprops"><div>island</div></astro-island>` +
  `<div data-formula="0" data-fig-fragment="(long formula)" data-fig-fragment-zh="（长公式）"><math><mi>x</mi></math></div>` +
  `</div></figure>` +
  `<svg viewBox="0 0 120 40">${dots}</svg>` +
  `</main></body></html>`;

function run(html = PAGE, minPropsBytes = 0) {
  const files = new Map<string, string>();
  const out = rewritePage(html, CSS, (name, body) => files.set(name, body.toString()), { url: '/_fig/', minSvgBytes: 1200, minPropsBytes });
  return { out, files };
}

describe('rewritePage', () => {
  it('keeps an SVG label that follows the interface language (uiAttrs) translatable as the <img> alt', () => {
    const page = PAGE.replace('aria-label="Sixty dots"', 'aria-label="六十个点" data-ui-attr="aria-label" data-ui-en="Sixty dots"');
    const img = /<img src="\/_fig\/[0-9a-f]{16}\.svg"[^>]*>/.exec(run(page).out)![0];
    expect(img).toContain('alt="六十个点"');
    expect(img).toContain('data-ui-attr="alt"');
    expect(img).toContain('data-ui-en="Sixty dots"');
    expect(img).not.toContain('data-ui-zh');
  });

  it('replaces a large figure SVG by a lazy <img> of a file, keeping its label and size', () => {
    const { out, files } = run();
    const img = /<img src="\/_fig\/([0-9a-f]{16})\.svg"[^>]*>/.exec(out);
    expect(img).not.toBeNull();
    expect(img![0]).toContain('alt="Sixty dots"');
    expect(img![0]).toContain('width="120" height="40"');
    expect(img![0]).toContain('loading="lazy"');
    const svg = files.get(`${img![1]}.svg`)!;
    expect(svg.match(/<circle /g)).toHaveLength(60);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    // Attributes without a value (Astro's scoped-style markers) get one: the file is XML.
    expect(svg).toContain('data-astro-cid-abc=""');
    // Small SVGs (icons) and SVGs outside figures stay inline.
    expect(out).toContain('<path d="M0 0h10">');
    expect(out.match(/<circle /g)).toHaveLength(60);
  });

  it('moves data: images, island props and marked fragments to files', () => {
    const { out, files } = run();
    expect(out).not.toContain('data:image');
    expect(out).toMatch(/<img loading="lazy" decoding="async" src="\/_fig\/[0-9a-f]{16}\.png" alt="map"/);
    const props = /data-props-src="\/_fig\/([0-9a-f]{16}\.json)"/.exec(out);
    expect(props).not.toBeNull();
    expect(out).not.toContain(' props=');
    expect(JSON.parse(files.get(props![1]!)!)).toEqual({ n: [0, 1] });
    const frag = /data-fig-fragment-src="\/_fig\/([0-9a-f]{16}\.htm)"/.exec(out);
    expect(files.get(frag![1]!)).toBe('<math><mi>x</mi></math>');
    expect(out).not.toContain('<math>');
    expect(out).toContain('（长公式）');
    expect(out).toContain('(long formula)');
  });

  it('keeps small props inline (cheaper than a request)', () => {
    const { out } = run(PAGE, 300);
    expect(out).toContain(' props="{&quot;n&quot;:[0,1]}"');
    expect(out).not.toContain('data-props-src');
  });

  it('leaves a page without figures byte for byte', () => {
    const html = '<!DOCTYPE html><html><body><main><svg viewBox="0 0 1 1">' + dots + '</svg></main></body></html>';
    expect(run(html).out).toBe(html);
  });
});

describe('svgStyle', () => {
  it('keeps the tokens and the rules whose classes the SVG or its ancestors have', () => {
    const css = svgStyle(CSS, new Set(['.dot', '.box', '.card']));
    expect(css).toContain('--fg:');
    expect(css).toContain('.box .dot');
    expect(css).toMatch(/stroke:\s*red/);
    expect(css).toContain('@media');
    expect(css).not.toContain('.other');
  });
});
