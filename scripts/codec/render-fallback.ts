/**
 * Build the codec figure's static fallback from the committed weights and
 * digits, with the same code the island runs: the learned codec in tfjs
 * (Node, cpu backend) and JPEG through Chromium's own encoder
 * (`canvas.toBlob`, driven by playwright-core; src/components/figures/codec/jpeg-canvas.ts
 * bundled by esbuild). Run after `npm run train -- codec`:
 *
 *   npx tsx scripts/codec/render-fallback.ts [--models=DIR]
 *
 * (`--models` reads the codec from another folder, for trying out a run.)
 * Writes (small files, committed):
 * - public/figures/codec/rd.svg            rate–distortion plot (100 MNIST test digits)
 * - public/figures/codec/example-*.png     one example row (MNIST test image 0), 28×28 each
 * - src/components/figures/codec/fallback.json   the numbers of both
 * - tests/fixtures/codec/digit-q50.jpg     Chromium's JPEG of that digit at quality 0.5 (parser test)
 * Prints the rate–distortion table and the load average.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { CODEC_DECODER, CODEC_ENCODER, CODEC_RATES, codeBytes } from '../../src/lib/models/codec';
import { roundTrip } from '../../src/lib/codec/evaluate';
import { psnr, ssim } from '../../src/lib/codec/metrics';
import { CURVE_DIGITS, CURVE_QUALITIES, meanPoint, ROW_QUALITIES, type Measurement, type RdPoint } from '../../src/lib/codec/rd';
import { fileLoadHandler } from '../train/lib/model-io';
import { REPO_ROOT } from '../train/lib/mnist';
import { launchBrowser } from '../../tests/e2e/browser';

const PIXELS = 784;
const EXAMPLE = 0;
const OUT = resolve(REPO_ROOT, 'public/figures/codec');

interface JpegMeasured { fileBytes: number; payloadBytes: number; psnr: number; ssim: number }

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  const digits = new Uint8Array(await readFile(resolve(REPO_ROOT, 'public/data/codec/mnist-test-100.bin')));
  const n = Math.min(CURVE_DIGITS, digits.length / PIXELS);
  const modelsDir = resolve(REPO_ROOT, process.argv.find((a) => a.startsWith('--models='))?.slice(9) ?? 'public/models');
  const encoder = await tfl.loadLayersModel(fileLoadHandler(resolve(modelsDir, CODEC_ENCODER)));
  const decoder = await tfl.loadLayersModel(fileLoadHandler(resolve(modelsDir, CODEC_DECODER)));
  const codec = roundTrip({ tf, encoder, decoder }, digits.subarray(0, n * PIXELS));
  const original = (i: number) => digits.subarray(i * PIXELS, (i + 1) * PIXELS);
  const codecCurve: RdPoint[] = codec.map((results, r) =>
    meanPoint(CODEC_RATES[r]!, results.map((res, i) => ({ bytes: res.code.length, psnr: psnr(original(i), res.decoded), ssim: ssim(original(i), res.decoded, 28, 28) }))),
  );

  // JPEG in Chromium.
  const bundle = await build({
    entryPoints: [resolve(REPO_ROOT, 'src/components/figures/codec/jpeg-canvas.ts')],
    bundle: true, format: 'iife', globalName: 'codecJpeg', write: false, platform: 'browser',
  });
  const browser = await launchBrowser();
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>codec</title>');
  await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
  const jpeg = await page.evaluate(
    async ({ images, qualities, example }) => {
      const api = (globalThis as unknown as { codecJpeg: { jpegRoundTrip: (g: Uint8Array, q: number) => Promise<{ fileBytes: number; payloadBytes: number; psnr: number; ssim: number; decoded: Uint8Array; file: Uint8Array }> } }).codecJpeg;
      const out: { fileBytes: number; payloadBytes: number; psnr: number; ssim: number }[][] = [];
      const exampleDecoded: Record<string, number[]> = {};
      let fixture: number[] = [];
      for (const q of qualities) {
        const row = [];
        for (let i = 0; i < images.length; i++) {
          const r = await api.jpegRoundTrip(new Uint8Array(images[i]!), q);
          row.push({ fileBytes: r.fileBytes, payloadBytes: r.payloadBytes, psnr: r.psnr, ssim: r.ssim });
          if (i === example) exampleDecoded[String(q)] = Array.from(r.decoded);
          if (i === example && q === 0.5) fixture = Array.from(r.file);
        }
        out.push(row);
      }
      return { out, exampleDecoded, fixture, userAgent: navigator.userAgent };
    },
    { images: Array.from({ length: n }, (_, i) => Array.from(original(i))), qualities: [...CURVE_QUALITIES], example: EXAMPLE },
  );

  // PNGs of the example row, drawn by Chromium too.
  const rowImages: Record<string, number[]> = { original: Array.from(original(EXAMPLE)) };
  for (const q of ROW_QUALITIES) rowImages[`jpeg-${q}`] = jpeg.exampleDecoded[String(q)]!;
  CODEC_RATES.forEach((k, r) => (rowImages[`codec-${k}`] = Array.from(codec[r]![EXAMPLE]!.decoded)));
  const pngs = await page.evaluate((imgs) => {
    const c = document.createElement('canvas');
    c.width = c.height = 28;
    const ctx = c.getContext('2d')!;
    const out: Record<string, string> = {};
    for (const [key, grey] of Object.entries(imgs)) {
      const d = ctx.createImageData(28, 28);
      grey.forEach((g, i) => { d.data[4 * i] = d.data[4 * i + 1] = d.data[4 * i + 2] = g; d.data[4 * i + 3] = 255; });
      ctx.putImageData(d, 0, 0);
      out[key] = c.toDataURL('image/png');
    }
    return out;
  }, rowImages);
  await browser.close();

  const jpegFile: RdPoint[] = CURVE_QUALITIES.map((q, k) => meanPoint(q, jpeg.out[k]!.map((m: JpegMeasured): Measurement => ({ bytes: m.fileBytes, psnr: m.psnr, ssim: m.ssim }))));
  const jpegPayload: RdPoint[] = CURVE_QUALITIES.map((q, k) => meanPoint(q, jpeg.out[k]!.map((m: JpegMeasured): Measurement => ({ bytes: m.payloadBytes, psnr: m.psnr, ssim: m.ssim }))));

  await mkdir(OUT, { recursive: true });
  for (const [key, url] of Object.entries(pngs)) await writeFile(resolve(OUT, `example-${key}.png`), Buffer.from(url.split(',')[1]!, 'base64'));
  await writeFile(resolve(OUT, 'rd.svg'), rdSvg(jpegFile, jpegPayload, codecCurve));
  await mkdir(resolve(REPO_ROOT, 'tests/fixtures/codec'), { recursive: true });
  await writeFile(resolve(REPO_ROOT, 'tests/fixtures/codec/digit-q50.jpg'), Uint8Array.from(jpeg.fixture));

  const ex = (k: number) => jpeg.out[CURVE_QUALITIES.indexOf(k as (typeof CURVE_QUALITIES)[number])]![EXAMPLE]!;
  const example = [
    { key: 'original', method: 'original', setting: 0, bytes: PIXELS, payloadBytes: PIXELS, psnr: null, ssim: 1 },
    ...ROW_QUALITIES.map((q) => ({ key: `jpeg-${q}`, method: 'jpeg', setting: q, bytes: ex(q).fileBytes, payloadBytes: ex(q).payloadBytes, psnr: round(ex(q).psnr, 2), ssim: round(ex(q).ssim, 3) })),
    ...CODEC_RATES.map((k, r) => {
      const res = codec[r]![EXAMPLE]!;
      return { key: `codec-${k}`, method: 'codec', setting: k, bytes: codeBytes(k), payloadBytes: codeBytes(k), psnr: round(psnr(original(EXAMPLE), res.decoded), 2), ssim: round(ssim(original(EXAMPLE), res.decoded, 28, 28), 3) };
    }),
  ];
  const pt = (p: RdPoint) => ({ setting: p.setting, bytes: round(p.bytes, 1), psnr: round(p.psnr, 2), ssim: round(p.ssim, 3) });
  const data = {
    note: 'Generated by scripts/codec/render-fallback.ts from the committed codec weights and public/data/codec/mnist-test-100.bin (MNIST test images 0–99). JPEG: Chromium canvas.toBlob.',
    browser: `Chromium ${/Chrom(?:e|ium)\/(\d+)/.exec(jpeg.userAgent)?.[1] ?? '?'}`,
    digits: n,
    exampleIndex: EXAMPLE,
    example,
    curves: { jpegFile: jpegFile.map(pt), jpegPayload: jpegPayload.map(pt), codec: codecCurve.map(pt) },
  };
  await writeFile(resolve(REPO_ROOT, 'src/components/figures/codec/fallback.json'), JSON.stringify(data, null, 1) + '\n');

  console.log(`rate–distortion over ${n} MNIST test digits (mean bytes → mean PSNR dB / SSIM); load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const [name, curve] of [['JPEG whole file', jpegFile], ['JPEG payload', jpegPayload], ['learned codec', codecCurve]] as const) {
    console.log(`${name}: ${curve.map((p) => `${p.setting}: ${p.bytes.toFixed(1)} B → ${p.psnr.toFixed(2)} dB / ${p.ssim.toFixed(3)}`).join('; ')}`);
  }
}

function round(v: number, d: number): number {
  return Number(v.toFixed(d));
}

/** The plot as a small standalone SVG, readable on light and dark pages (mid-tone colours, no background). */
function rdSvg(file: RdPoint[], payload: RdPoint[], codec: RdPoint[]): string {
  const W = 640, H = 420, L = 56, R = 16, T = 16, B = 104;
  const all = [...file, ...payload, ...codec];
  const xMin = 2, xMax = 2 ** Math.ceil(Math.log2(Math.max(...all.map((p) => p.bytes))));
  const yMin = Math.floor(Math.min(...all.map((p) => p.psnr)) / 5) * 5, yMax = Math.ceil(Math.max(...all.map((p) => p.psnr)) / 5) * 5;
  const x = (b: number) => L + ((Math.log2(b) - Math.log2(xMin)) / (Math.log2(xMax) - Math.log2(xMin))) * (W - L - R);
  const y = (v: number) => T + (1 - (v - yMin) / (yMax - yMin)) * (H - T - B);
  const f = (v: number) => v.toFixed(1);
  const grid: string[] = [];
  for (let b = xMin; b <= xMax; b *= 2) grid.push(`<line x1="${f(x(b))}" y1="${T}" x2="${f(x(b))}" y2="${H - B}" class="g"/><text x="${f(x(b))}" y="${H - B + 16}" text-anchor="middle">${b}</text>`);
  for (let v = yMin; v <= yMax; v += 5) grid.push(`<line x1="${L}" y1="${f(y(v))}" x2="${W - R}" y2="${f(y(v))}" class="g"/><text x="${L - 6}" y="${f(y(v) + 4)}" text-anchor="end">${v}</text>`);
  const line = (pts: RdPoint[], cls: string) =>
    `<polyline class="${cls}" points="${pts.map((p) => `${f(x(p.bytes))},${f(y(p.psnr))}`).join(' ')}"/>` +
    pts.map((p) => `<circle class="${cls}" cx="${f(x(p.bytes))}" cy="${f(y(p.psnr))}" r="3.5"/>`).join('');
  const legend = [
    ['codec', '学习型编解码器（4/8/16 字节） · learned codec (4/8/16 bytes)'],
    ['pay', 'JPEG，只算熵编码数据 · JPEG, entropy-coded payload only'],
    ['file', 'JPEG，整个文件 · JPEG, whole file'],
  ].map(([cls, text], i) => `<line class="${cls}" x1="${L + 4}" y1="${H - 46 + i * 16 - 4}" x2="${L + 28}" y2="${H - 46 + i * 16 - 4}"/><text x="${L + 34}" y="${H - 46 + i * 16}">${text}</text>`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" font-family="system-ui, sans-serif" font-size="11">
<style>text{fill:#888}.g{stroke:#8884;stroke-width:1}polyline,line{fill:none;stroke-width:2.5}.codec{stroke:#4a86d4}.pay,.file{stroke:#e07b24}.file{stroke-dasharray:6 4}circle.codec{fill:#4a86d4}circle.pay{fill:#e07b24}circle.file{fill:none;stroke-dasharray:none;stroke-width:1.5}</style>
<title>Rate–distortion: mean PSNR (dB) against bytes per image over ${CURVE_DIGITS} MNIST test digits</title>
${grid.join('\n')}
<text x="${(L + W - R) / 2}" y="${H - B + 32}" text-anchor="middle">字节/图像（对数刻度） · bytes per image (log scale)</text>
<text transform="translate(14 ${(T + H - B) / 2}) rotate(-90)" text-anchor="middle">PSNR (dB)</text>
${line(file, 'file')}
${line(payload, 'pay')}
${line(codec, 'codec')}
${legend.join('\n')}
</svg>
`;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
