/**
 * Figure CSS leaves the page's first stylesheets (issue 12): the build marks
 * figure stylesheets (scripts/build/figure-css.ts), takes them out of the built
 * CSS and names on each figure the files it needs (scripts/build/figure-assets.ts).
 */
import { describe, expect, it } from 'vitest';
import { cssTokens, figureCssGroup, splitFigureCss } from '../../scripts/build/figure-css';
import { annotateFigureCss, deferIslandRuntime, type FigureCssFile } from '../../scripts/build/figure-assets';
import { bundlePage } from '../../scripts/build/page-bundles';

describe('figureCssGroup', () => {
  it('names the figure family of figure stylesheets and nothing else', () => {
    expect(figureCssGroup('/p/src/components/figures/catdog/catdog.css')).toBe('catdog');
    expect(figureCssGroup('/p/src/components/figures/digits/pad.module.css')).toBe('digits');
    expect(figureCssGroup('/p/src/components/figures/slots/fit1d-train.astro?astro&type=style&index=0&lang.css')).toBe('fit1d');
    expect(figureCssGroup('/p/src/components/figures/fit1d/FunctionPlot.astro?astro&type=style&index=0&lang.css')).toBe('fit1d');
    expect(figureCssGroup('/p/src/components/figures/fit1d/FunctionPlot.astro')).toBeNull();
    expect(figureCssGroup('/p/src/components/figures/catdog/store.ts')).toBeNull();
    expect(figureCssGroup('/p/src/components/figures/kit/kit.css')).toBeNull();
    expect(figureCssGroup('/p/src/styles/reading.css')).toBeNull();
    expect(figureCssGroup('/p/src/components/Figure.astro?astro&type=style&index=0&lang.css')).toBeNull();
  });
});

describe('splitFigureCss', () => {
  it('takes the marked blocks out, unwrapped, per group, and leaves the rest as it was', () => {
    const css =
      '.para{margin:0}@supports (--fig-css:catdog){.cd-fig{color:red}@media (max-width:40rem){.cd-fig{color:blue}}}' +
      '.fig{border:0}@supports (--fig-css:digits){._pad_x_1{width:1px}}@supports (display:grid){.a{display:grid}}' +
      '@supports (--fig-css:catdog){.cd-btn{font:inherit}}';
    const { rest, groups } = splitFigureCss(css);
    expect(rest).toBe('.para{margin:0}.fig{border:0}@supports (display:grid){.a{display:grid}}');
    expect([...groups.keys()]).toEqual(['catdog', 'digits']);
    expect(groups.get('catdog')).toBe('.cd-fig{color:red}@media (max-width:40rem){.cd-fig{color:blue}}.cd-btn{font:inherit}');
    expect(groups.get('digits')).toBe('._pad_x_1{width:1px}');
  });

  it('returns a stylesheet without markers unchanged', () => {
    expect(splitFigureCss('.a{b:c}')).toEqual({ rest: '.a{b:c}', groups: new Map() });
  });
});

describe('cssTokens', () => {
  it('lists the classes and scoped-style attributes selected on, not keyframe steps', () => {
    expect([...cssTokens('.a .b-c>[data-astro-cid-xy]{x:y}@keyframes k{0%{x:y}to{x:z}}@media (min-width:1px){._m_1:hover{x:y}}')].sort()).toEqual(
      ['_m_1', 'a', 'b-c', 'data-astro-cid-xy'].sort(),
    );
  });
});

describe('annotateFigureCss', () => {
  const groups = new Map<string, FigureCssFile>([
    ['catdog', { url: '/_fig/catdog.1.css', tokens: new Set(['cd-fig']) }],
    ['digits', { url: '/_fig/digits.2.css', tokens: new Set(['_pad_x_1', 'pad']) }],
  ]);
  const page = (island: string) =>
    `<!DOCTYPE html><html><head><title>t</title></head><body><main><p class="para">Text</p>` +
    `<figure class="fig" data-figure-id="a"><div class="cd-fig">photo</div></figure>` +
    `<figure class="fig" data-figure-id="b">${island}</figure>` +
    `<figure class="fig" data-figure-id="c"><p>plain</p></figure></main></body></html>`;
  const island = (client: string) => `<astro-island component-url="/_astro/Pad.js" client="${client}"><div>pad</div></astro-island>`;
  const code = (url: string) => (url === '/_astro/Pad.js' ? 'const s={pad:"_pad_x_1"};' : '');

  it('names on each figure the groups its markup or island code uses, links them all for readers without JavaScript', () => {
    const out = annotateFigureCss(page(island('visible')), groups, code, 'LOADER()');
    expect(out).toContain('<figure data-fig-css="/_fig/catdog.1.css" class="fig" data-figure-id="a">');
    expect(out).toContain('<figure data-fig-css="/_fig/digits.2.css" class="fig" data-figure-id="b">');
    expect(out).toContain('<figure class="fig" data-figure-id="c">');
    expect(out).toContain('<noscript><link rel="stylesheet" href="/_fig/catdog.1.css"><link rel="stylesheet" href="/_fig/digits.2.css"></noscript></head>');
    expect(out).toContain('<script data-fig-loader>LOADER()</script></body>');
    expect(out.replace(/ data-fig-css="[^"]*"|<noscript>.*<\/noscript>|<script data-fig-loader>LOADER\(\)<\/script>/g, '')).toBe(page(island('visible')));
  });

  it('names the island runtime file on the figures with islands when the page\'s runtime was moved out', () => {
    const out = annotateFigureCss(page(island('visibleprops')), groups, code, 'LOADER()', '/_fig/islands.9.js');
    expect(out).toContain('<figure data-fig-css="/_fig/digits.2.css" data-fig-js="/_fig/islands.9.js" class="fig" data-figure-id="b">');
    expect(out).toContain('<figure data-fig-css="/_fig/catdog.1.css" class="fig" data-figure-id="a">');
    expect(out).toContain('<script data-fig-loader>LOADER()</script></body>');
  });

  it('gives a group no figure claims to every figure, and leaves a page without figure CSS alone', () => {
    const out = annotateFigureCss(page(island('visible')), groups, () => '', 'LOADER()');
    expect(out).toContain('<figure data-fig-css="/_fig/catdog.1.css /_fig/digits.2.css" class="fig" data-figure-id="a">');
    expect(out).toContain('<figure data-fig-css="/_fig/digits.2.css" class="fig" data-figure-id="c">');
    expect(annotateFigureCss(page(''), new Map(), code, 'LOADER()')).toBe(page(''));
  });
});

describe('deferIslandRuntime', () => {
  const runtime = '<script>(()=>{class y extends HTMLElement{};customElements.get("astro-island")||customElements.define("astro-island",y)})();</script>';
  const directive = '<script>(()=>{var c=1;(self.Astro||(self.Astro={})).visibleprops=c;window.dispatchEvent(new Event("astro:visibleprops"));})();</script>';
  const other = '<script>document.documentElement.dataset.js="";</script>';
  const page = (inside: boolean) =>
    `<!DOCTYPE html><html><head>${other}</head><body><main><p>Text</p>` +
    (inside ? '<figure data-figure-id="a">' : '<div>') +
    `${directive}${runtime}<astro-island component-url="/_astro/A.js" client="visibleprops"><div>a</div></astro-island>` +
    (inside ? '</figure>' : '</div>') +
    '</main></body></html>';

  it('moves the island element and directive scripts to one file, leaving every other script', () => {
    const files = new Map<string, string>();
    const { html, src } = deferIslandRuntime(page(true), (n, b) => files.set(n, b), '/_fig/');
    expect(src).toMatch(/^\/_fig\/islands\.[0-9a-f]{16}\.js$/);
    expect(html).toBe(page(true).replace(directive, '').replace(runtime, ''));
    const body = files.get(src!.slice('/_fig/'.length))!;
    expect(body).toContain('customElements.define("astro-island"');
    expect(body).toContain('.visibleprops=c');
    expect(body).not.toContain('dataset.js');
  });

  it('leaves a page alone when an island is outside a figure (it may be on the first screen) or there is none', () => {
    const files = new Map<string, string>();
    expect(deferIslandRuntime(page(false), (n, b) => files.set(n, b), '/_fig/')).toEqual({ html: page(false), src: null });
    expect(deferIslandRuntime('<html><body><p>x</p></body></html>', (n, b) => files.set(n, b), '/_fig/').src).toBeNull();
    expect(files.size).toBe(0);
  });
});

describe('bundlePage', () => {
  const files: Record<string, string> = { 'a.css': '.a{x:y}', 'b.css': '.b{x:y}', 'A.js': 'A', 'B.js': 'B' };
  const page =
    '<html><head><link rel="stylesheet" href="/_astro/a.css">\n<link rel="stylesheet" href="/_astro/b.css"><noscript><link rel="stylesheet" href="/_fig/c.css"></noscript></head>' +
    '<body><script type="module" src="/_astro/A.js"></script><main>text</main><script type="module" src="/_astro/B.js"></script><script data-fig-loader>LOADER()</script></body></html>';
  const run = async (html: string) => {
    const written = new Map<string, string>();
    const calls: [string[], boolean][] = [];
    const out = await bundlePage(html, '/_astro/', (n) => files[n]!, (n, t) => written.set(n, t), async (entries, withLoader) => {
      calls.push([entries, withLoader]);
      return `${entries.join('+')}${withLoader ? '+loader' : ''}`;
    });
    return { out, written, calls };
  };

  it('links one stylesheet (the files in order) and one module bundling the scripts in order, then the figure loader', async () => {
    const { out, written, calls } = await run(page);
    const css = /<link rel="stylesheet" href="\/_astro\/(css\.[0-9a-f]{12}\.css)">/.exec(out)!;
    expect(written.get(css[1]!)).toBe('.a{x:y}\n.b{x:y}');
    expect(calls).toEqual([[['A.js', 'B.js'], true]]);
    const js = /<script type="module" src="\/_astro\/(js\.[0-9a-f]{12}\.js)"><\/script>/.exec(out)!;
    expect(written.get(js[1]!)).toBe('A.js+B.js+loader');
    expect(out).toBe(
      `<html><head>${css[0]}\n<noscript><link rel="stylesheet" href="/_fig/c.css"></noscript></head><body>${js[0]}<main>text</main></body></html>`,
    );
  });

  it('leaves the search page, and a page with one stylesheet and one script, as they are', async () => {
    const search = page.replace('<main>', '<main data-search-page>');
    expect((await run(search)).out).toBe(search);
    const single = '<html><head><link rel="stylesheet" href="/_astro/a.css"></head><body><script type="module" src="/_astro/A.js"></script></body></html>';
    expect((await run(single)).out).toBe(single);
  });
});
