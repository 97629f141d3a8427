/**
 * The EPUB that `npm run build` writes (dist/book/): epubcheck (Debian package
 * `epubcheck`, run as `java -jar`) reports no fatal error, error or warning;
 * the home page links it with its size; every figure whose built page shows a
 * static picture has at least one image in the book, and every image a chapter
 * shows is in the container. Skipped, saying why, only where epubcheck or Java
 * is not installed.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import JSZip from 'jszip';
import { BOOK_FILE, formatBytes } from '../../src/lib/epub/meta';

const DIST = process.env.SITE_DIST ?? 'dist';
const book = `${DIST}/book/${BOOK_FILE}`;
const JAR = ['/usr/share/java/epubcheck.jar', '/usr/share/epubcheck/epubcheck.jar'].find((p) => existsSync(p));
const javaOk = spawnSync('java', ['-version']).status === 0;
const why = !JAR ? 'epubcheck is not installed (Debian: apt-get install -y epubcheck)' : !javaOk ? 'no Java runtime for epubcheck' : '';
if (why) console.warn(`[epub.test] skipping the epubcheck test: ${why}`);

interface EpubcheckReport {
  checker: { nFatal: number; nError: number; nWarning: number };
  messages: Array<{ ID: string; severity: string; message: string; locations: Array<{ path: string; line: number; column: number }> }>;
}

describe('EPUB book', () => {
  it('is built and linked from the home page with its size', () => {
    expect(existsSync(book), `${book} missing: run npm run build`).toBe(true);
    const home = readFileSync(`${DIST}/index.html`, 'utf8');
    expect(home).toMatch(new RegExp(`href="[^"]*/book/${BOOK_FILE.replace('.', '\\.')}"`));
    expect(home).toContain(`, ${formatBytes(statSync(book).size)}</span>`);
  });

  it.skipIf(Boolean(why))('passes epubcheck with no errors or warnings', () => {
    const out = `${DIST}/book/.epubcheck.json`;
    spawnSync('java', ['-jar', JAR!, book, '--json', out], { encoding: 'utf8', timeout: 180_000 });
    const report = JSON.parse(readFileSync(out, 'utf8')) as EpubcheckReport;
    execFileSync('rm', ['-f', out]);
    const problems = report.messages
      .filter((m) => ['FATAL', 'ERROR', 'WARNING'].includes(m.severity))
      .map((m) => `${m.severity} ${m.ID} ${m.locations[0]?.path}:${m.locations[0]?.line}: ${m.message}`);
    expect(problems).toEqual([]);
    expect(report.checker.nFatal + report.checker.nError + report.checker.nWarning).toBe(0);
  }, 200_000);

  it('carries a picture for every figure the site shows one for, and every image it shows', async () => {
    const zip = await JSZip.loadAsync(readFileSync(book));
    const chapters = await Promise.all(
      Object.keys(zip.files)
        .filter((p) => /^EPUB\/xhtml\/s\d\d\.xhtml$/.test(p))
        .map(async (p) => zip.file(p)!.async('string')),
    );
    const xhtml = chapters.join('\n');
    for (const page of ['neural-nets', 'training']) {
      const html = readFileSync(`${DIST}/${page}/index.html`, 'utf8');
      // Figures whose built page has an <img> (photos, maps, pixels) must show at least one image in the book.
      for (const m of html.matchAll(/<figure[^>]*data-figure-id="([^"]+)"([\s\S]*?)<\/figure>/g)) {
        if (!/<img\s/.test(m[2]!)) continue;
        const fig = new RegExp(`<figure class="fig" id="fig-${m[1]}">([\\s\\S]*?)</figure>`).exec(xhtml);
        expect(fig, m[1]).not.toBeNull();
        expect(fig![1], m[1]).toMatch(/<img src="\.\.\/images\//);
      }
    }
    for (const m of xhtml.matchAll(/<img src="\.\.\/(images\/[^"]+)"/g)) expect(zip.file(`EPUB/${m[1]}`), m[1]).not.toBeNull();
  });
});
