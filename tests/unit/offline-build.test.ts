/**
 * The base-path helper (src/lib/base.ts) and the pure parts of the offline
 * build step (scripts/offline/build.ts): CSP meta with the sha256 of each
 * inline script, and which files are figure files (runtime-cached).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { siteBase, withBase, withoutBase } from '../../src/lib/base';
import { cspFor, isFigureFile, withCspMeta } from '../../scripts/offline/build';

describe('base path', () => {
  it('normalises any spelling of the base to one leading and one trailing slash', () => {
    for (const raw of ['docs', '/docs', '/docs/', 'docs/', '//docs//']) expect(siteBase(raw)).toBe('/docs/');
    expect(siteBase('/')).toBe('/');
    expect(siteBase('')).toBe('/');
  });
  it('puts site paths under the base and takes them back out', () => {
    expect(withBase('/glossary/', '/a/b/')).toBe('/a/b/glossary/');
    expect(withBase('models/manifest.json', '/a/')).toBe('/a/models/manifest.json');
    expect(withBase('/', '/a/')).toBe('/a/');
    expect(withBase('/neural-nets/?r=en#s05-p01', '/')).toBe('/neural-nets/?r=en#s05-p01');
    expect(withoutBase('/a/b/training/', '/a/b/')).toBe('/training/');
    expect(withoutBase('/elsewhere/', '/a/')).toBe('/elsewhere/');
  });
  it('refuses URLs of another origin', () => {
    expect(() => withBase('https://cdn.example/x.js')).toThrow(/not a site path/);
    expect(() => withBase('//cdn.example/x.js')).toThrow(/not a site path/);
  });
});

describe('CSP meta', () => {
  const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('base64');
  const page = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title><script>a=1</script>' +
    '<script type="module" src="/_astro/x.js"></script></head><body><script>b=2</script></body></html>';

  it('hashes each inline script (not external ones) right after <meta charset>', () => {
    const out = withCspMeta(page);
    const meta = /<meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(out);
    expect(meta).not.toBeNull();
    const csp = meta![1]!;
    expect(csp).toContain(`'sha256-${sha('a=1')}'`);
    expect(csp).toContain(`'sha256-${sha('b=2')}'`);
    expect(csp.match(/'sha256-/g)).toHaveLength(2);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
  it('is idempotent: running twice replaces the policy instead of adding a second one', () => {
    const once = withCspMeta(page);
    expect(withCspMeta(once)).toBe(once);
    const edited = withCspMeta(once.replace('b=2', 'b=3'));
    expect(edited.match(/Content-Security-Policy/g)).toHaveLength(1);
    expect(edited).toContain(sha('b=3'));
    expect(edited).not.toContain(sha('b=2'));
  });
  it('allows only this origin to be connected to, and no plugins', () => {
    const csp = cspFor([]);
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/connect-src 'self' blob:(;|$)/);
    expect(csp).toMatch(/object-src 'none'/);
    expect(csp).not.toMatch(/https?:/);
  });
  it('fails clearly on a document without <head>', () => {
    expect(() => withCspMeta('<p>no head</p>')).toThrow(/no <head>/);
  });
});

describe('figure files', () => {
  const read = (text: string) => () => Promise.resolve(text);
  it('are the models, the wasm, the sample photos and the tfjs chunks; not pages, fallbacks or other chunks', async () => {
    expect(await isFigureFile('models/digits/weights.bin', read(''))).toBe(true);
    expect(await isFigureFile('models/manifest.json', read(''))).toBe(true);
    expect(await isFigureFile('tfjs/tfjs-backend-wasm.wasm', read(''))).toBe(true);
    expect(await isFigureFile('samples/cat-chelsea.jpg', read(''))).toBe(true);
    expect(await isFigureFile('_astro/tf-runtime.abc.js', read('/** @license Copyright 2020 Google LLC. */'))).toBe(true);
    expect(await isFigureFile('models/index.html', read(''))).toBe(false);
    expect(await isFigureFile('models/catdog/fallback/layer1.png', read(''))).toBe(false);
    expect(await isFigureFile('samples/SOURCES.md', read(''))).toBe(false);
    expect(await isFigureFile('_astro/engine.abc.js', read('export const x=1'))).toBe(false);
    expect(await isFigureFile('neural-nets/index.html', read(''))).toBe(false);
  });
});
