/**
 * Benchmark of the digit figures (figures digits-network, digits-ones-twos,
 * digits-interpolate on /neural-nets/): one-digit inference p50/p95 after
 * warm-up and the backend that ran it (in the digits worker), a batch of 100, main-thread long tasks
 * while a digit is being drawn, and the JavaScript the figures download
 * (gzip -9): the islands' own code, then tfjs + the wasm binary.
 *
 * Limits (from the issue): islands' own JS ≤ 25 KB gzip; tfjs + wasm ≤ 300 KB gzip.
 */
import { join } from 'node:path';
import type { BenchContext, BenchResult } from '../lib/model-bench';
import { gzipBytes, gzipTotal, kb, moduleGraph, percentile, staticClosure } from '../lib/model-bench';

export const description = 'digit network figures on /neural-nets/';

const PAGE = '/neural-nets/';
const ISLANDS = /\/_astro\/(DigitsNetwork|OnesTwos|Interpolate)\.[^/"]+\.js/g;
const ISLANDS_BUDGET = 25 * 1024;
const TFJS_BUDGET = 300 * 1024;

interface Timing {
  backend: string;
  simd: boolean;
  single: number[];
  batch: number[];
}

export async function bench({ browser, origin, distDir }: BenchContext): Promise<BenchResult> {
  const failures: string[] = [];
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  await page.goto(origin + PAGE);
  const html = await page.content();

  // --- inference ---
  const t0 = Date.now();
  await page.locator('figure[data-figure-id="digits-network"]').scrollIntoViewIfNeeded();
  await page.locator('figure[data-figure-id="digits-network"] [data-state="ready"]').waitFor({ timeout: 60_000 });
  const readyMs = Date.now() - t0;
  // The network runs in a dedicated worker (src/lib/models/digits-engine.ts): time the forward passes there.
  const worker = page.workers().find((w) => /digits\.worker/.test(w.url()));
  if (!worker) throw new Error('bench: the digits worker is not running');
  // Passed as source text: tsx would wrap named functions in a helper the worker does not have.
  const timing = (await worker.evaluate(`(() => {
    const loaded = self.__siteModels.get('digits');
    const tf = loaded.runtime.tf;
    const one = new Float32Array(784).map((_, i) => ((i * 7919) % 255) / 255);
    const hundred = new Float32Array(78400).map((_, i) => ((i * 7919) % 255) / 255);
    const run = (data, n) => tf.tidy(() => loaded.model.predict(tf.tensor4d(data, [n, 28, 28, 1])).dataSync());
    for (let i = 0; i < 30; i++) run(one, 1);
    for (let i = 0; i < 3; i++) run(hundred, 100);
    const single = [];
    for (let i = 0; i < 200; i++) { const s = performance.now(); run(one, 1); single.push(performance.now() - s); }
    const batch = [];
    for (let i = 0; i < 20; i++) { const s = performance.now(); run(hundred, 100); batch.push(performance.now() - s); }
    return { backend: loaded.runtime.backend, simd: loaded.runtime.simd, single, batch };
  })()`)) as Timing;
  console.log(`  backend: ${timing.backend}${timing.simd ? ' (SIMD)' : ''}; model ready ${readyMs} ms after the figure scrolled into view`);
  console.log(
    `  one digit: p50 ${percentile(timing.single, 50).toFixed(2)} ms, p95 ${percentile(timing.single, 95).toFixed(2)} ms (200 runs after 30 warm-up)`,
  );
  console.log(`  batch of 100: p50 ${percentile(timing.batch, 50).toFixed(1)} ms, p95 ${percentile(timing.batch, 95).toFixed(1)} ms (20 runs)`);

  // --- long tasks while drawing ---
  await page.evaluate(`(() => {
    window.__longTasks = [];
    window.__loafScripts = {};
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask' });
    // Long animation frames say which script ran: attribute the time to files.
    try {
      new PerformanceObserver((list) => {
        for (const f of list.getEntries()) for (const s of f.scripts || []) {
          const file = (s.sourceURL || s.invoker || '?').split('/').pop();
          window.__loafScripts[file] = (window.__loafScripts[file] || 0) + s.duration;
        }
      }).observe({ type: 'long-animation-frame' });
    } catch {}
  })()`);
  const pad = page.getByTestId('digits-pad');
  const box = (await pad.boundingBox())!;
  const drawStart = Date.now();
  let moves = 0;
  for (let stroke = 0; stroke < 4; stroke++) {
    await page.mouse.move(box.x + box.width * 0.2, box.y + box.height * (0.2 + stroke * 0.15));
    await page.mouse.down();
    for (let k = 0; k <= 60; k++) {
      const a = (k / 60) * Math.PI * 2;
      await page.mouse.move(box.x + box.width * (0.5 + 0.3 * Math.cos(a)), box.y + box.height * (0.5 + 0.3 * Math.sin(a + stroke)));
      moves++;
    }
    await page.mouse.up();
  }
  const drawMs = Date.now() - drawStart;
  await page.waitForTimeout(300);
  const longTasks = (await page.evaluate('window.__longTasks')) as number[];
  const loaf = Object.entries((await page.evaluate('window.__loafScripts')) as Record<string, number>).sort((a, b) => b[1] - a[1]);
  const load = (await import('node:os')).loadavg()[0]!;
  console.log(
    `  drawing: ${moves} pointer moves over ${drawMs} ms → ${longTasks.length} long tasks (> 50 ms)${longTasks.length ? `, longest ${Math.max(...longTasks).toFixed(0)} ms` : ''} (machine load average ${load.toFixed(1)})`,
  );
  const measures = (await page.evaluate(
    `['digits:preprocess', 'digits:infer'].map((n) => performance.getEntriesByName(n).map((e) => e.duration))`,
  )) as [number[], number[]];
  const stat = (v: number[]) => (v.length ? `p50 ${percentile(v, 50).toFixed(1)} ms, p95 ${percentile(v, 95).toFixed(1)} ms (${v.length} frames)` : 'no frames');
  console.log(`  per drawn frame: pre-processing ${stat(measures[0])}; inference round trip to the worker (probabilities + the selected layer) ${stat(measures[1])}`);
  if (loaf.length) console.log(`  script time in long animation frames while drawing, by file: ${loaf.slice(0, 5).map(([f, ms]) => `${f} ${ms.toFixed(0)} ms`).join(', ')}`);

  // --- bytes ---
  const graph = moduleGraph(distDir);
  const islandFiles = [...new Set([...html.matchAll(ISLANDS)].map((m) => m[0].split('/').pop()!))];
  const rendererFiles = [...new Set([...html.matchAll(/renderer-url="\/_astro\/([^"]+\.js)"/g)].map((m) => m[1]!))];
  const framework = staticClosure(graph, rendererFiles);
  const islandsStatic = [...staticClosure(graph, islandFiles)].filter((f) => !framework.has(f));
  // Code the islands import lazily that is not tfjs or Chart.js: the loader, helpers.
  const loaderFile = graph.files.find((f) => graph.text.get(f)!.includes('models/manifest.json') && graph.text.get(f)!.includes('WASM_HAS_SIMD_SUPPORT'));
  if (!loaderFile) throw new Error('bench: cannot find the model loader chunk in dist/_astro');
  const tfTargets = graph.dynamicImports.get(loaderFile)!;
  const isWasm = (f: string) => [...staticClosure(graph, [f])].some((g) => graph.text.get(g)!.includes('tfjs-backend-wasm-simd.wasm'));
  const isLayers = (f: string) => [...staticClosure(graph, [f])].some((g) => graph.text.get(g)!.includes('MaxPooling2D'));
  const wasmJs = tfTargets.filter(isWasm);
  const runtimeJs = tfTargets.filter((f) => !isWasm(f) && isLayers(f));
  const cpuJs = tfTargets.filter((f) => !wasmJs.includes(f) && !runtimeJs.includes(f));
  const tfjsFiles = staticClosure(graph, [...runtimeJs, ...wasmJs]);
  const cpuOnly = [...staticClosure(graph, cpuJs)].filter((f) => !tfjsFiles.has(f));
  const lazyOwn = new Set<string>();
  for (const f of [...islandsStatic, loaderFile]) {
    for (const d of graph.dynamicImports.get(f) ?? []) {
      for (const g of staticClosure(graph, [d])) {
        if (!tfjsFiles.has(g) && !cpuOnly.includes(g) && !framework.has(g) && !islandsStatic.includes(g)) lazyOwn.add(g);
      }
    }
  }
  const chartFiles = [...lazyOwn].filter((f) => graph.text.get(f)!.includes('LineController') || graph.text.get(f)!.includes('chart.js'));
  const ownLazy = [...lazyOwn].filter((f) => !chartFiles.includes(f));
  const wasmBinary = gzipBytes(join(distDir, 'tfjs', 'tfjs-backend-wasm-simd.wasm'));

  const islandsBytes = gzipTotal(graph, islandsStatic) + gzipTotal(graph, ownLazy);
  const frameworkBytes = gzipTotal(graph, framework);
  const tfjsJsBytes = gzipTotal(graph, tfjsFiles);
  const chartBytes = gzipTotal(graph, chartFiles);
  console.log(`  islands' own JS: ${kb(islandsBytes)} gzip (${islandsStatic.length} files on hydration + ${ownLazy.length} loaded with the model: ${[...islandsStatic, ...ownLazy].join(', ')})`);
  console.log(`  Preact + Astro island runtime (shared by every island): ${kb(frameworkBytes)} gzip`);
  console.log(`  Chart.js (line chart only, loaded by the interpolation figure): ${kb(chartBytes)} gzip`);
  console.log(`  tfjs JS (core + layers + wasm backend): ${kb(tfjsJsBytes)} gzip; wasm SIMD binary ${kb(wasmBinary)} gzip; total ${kb(tfjsJsBytes + wasmBinary)}`);
  console.log(`  cpu fallback backend (loaded only when wasm fails): ${kb(gzipTotal(graph, cpuOnly))} gzip`);

  if (islandsBytes > ISLANDS_BUDGET) failures.push(`islands' own JS ${kb(islandsBytes)} > ${kb(ISLANDS_BUDGET)}`);
  if (tfjsJsBytes + wasmBinary > TFJS_BUDGET) failures.push(`tfjs + wasm ${kb(tfjsJsBytes + wasmBinary)} > ${kb(TFJS_BUDGET)}`);
  if (timing.backend !== 'wasm') failures.push(`backend is ${timing.backend}, expected wasm`);
  await context.close();
  return { failures };
}
