/**
 * Benchmark of the nearest-point figures (section 05, /neural-nets/): the time
 * to compute and draw a 200×200 map of each network of the gallery in the page
 * (one batched tfjs prediction + painting a canvas, the figures' own
 * `computeAndDraw`), p50/p95 over repeated runs after warm-up; the backend;
 * the work of one slider move (single-neuron figure) and of one drag step
 * (basins figure); and the islands' JavaScript (gzip -9).
 *
 * Limits (from issue 5): a map of any network ≤ 30 ms (p50); slider moves and
 * drag steps fit in one 60 fps frame (render + layout ≤ 16.7 ms, p95).
 */
import type { BenchContext, BenchResult } from '../lib/model-bench';
import { gzipTotal, kb, moduleGraph, percentile, staticClosure } from '../lib/model-bench';
import { NEAREST_GALLERY, nearestNeuronCount } from '../../../src/lib/models/nearest';

export const description = 'nearest-point figures on /neural-nets/ (map timing, slider redraw)';

const PAGE = '/neural-nets/';
const MAP_LIMIT_MS = 30;
const FRAME_MS = 1000 / 60;
const RUNS = 30;
const ISLANDS = /\/_astro\/(VoronoiBasins|ThreePoints|IdealMap|NetDiagramExplorer|NetEval|ReluChart|FormulaSwitch|NeuronExplorer|NetMap|SizesGallery)\.[^/"]+\.js/g;

/**
 * Run the benchmark against the served build (see the file's header).
 * @returns the limits not met, in words
 */
export async function bench({ browser, origin, distDir }: BenchContext): Promise<BenchResult> {
  const failures: string[] = [];
  // Wall-clock timings on a shared machine include other processes' load: print it alongside.
  const load = await import('node:os').then((os) => os.loadavg()[0]!.toFixed(2));
  console.log(`  load average (1 min) at start: ${load} on ${(await import('node:os')).cpus().length} cores`);
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  await page.goto(origin + PAGE);
  const html = await page.content();
  const map = page.locator('figure[data-figure-id="nearest-net-map"]');
  const t0 = Date.now();
  await map.scrollIntoViewIfNeeded();
  await map.locator('[data-state="ready"]').waitFor({ timeout: 60_000 });
  console.log(`  17-neuron network ready ${Date.now() - t0} ms after its figure scrolled into view`);
  const backend = (await page.evaluate(`(() => { const m = window.__siteModels.get('nearest-17'); return m.runtime.backend + (m.runtime.simd ? ' (SIMD)' : ''); })()`)) as string;
  console.log(`  backend: ${backend}`);

  for (const config of NEAREST_GALLERY) {
    // Passed as source text: tsx would wrap functions in a helper the page does not have.
    const ms = (await page.evaluate(`window.__nearestMaps.time(${JSON.stringify(config.name)}, ${RUNS + 3})`)) as number[];
    const runs = ms.slice(3);
    const p50 = percentile(runs, 50);
    const p95 = percentile(runs, 95);
    console.log(`  map 200×200, ${config.name} (${nearestNeuronCount(config.hidden)} neurons): p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, min ${Math.min(...runs).toFixed(1)} ms (${RUNS} runs after 3 warm-up)`);
    if (p50 > MAP_LIMIT_MS) failures.push(`${config.name}: map p50 ${p50.toFixed(1)} ms > ${MAP_LIMIT_MS} ms`);
  }

  // Work per slider move (single-neuron figure) and per drag step (basins figure):
  // from the input event through Preact's render to a forced style + layout, in the page.
  const workPerEvent = async (figure: string, script: string): Promise<number[]> => {
    const fig = page.locator(`figure[data-figure-id="${figure}"]`);
    await fig.scrollIntoViewIfNeeded();
    // A function, not a string: the pages' CSP has no 'unsafe-eval', and Playwright evaluates a string predicate with it.
    await page.waitForFunction((id) => !!document.querySelector(`figure[data-figure-id="${id}"] astro-island:not([ssr])`), figure, { timeout: 20_000 });
    return (await page.evaluate(script)) as number[];
  };
  const slider = await workPerEvent('neuron-gallery', `(async () => {
    const fig = document.querySelector('figure[data-figure-id="neuron-gallery"]');
    const input = fig.querySelector('input[data-param="w1"]');
    const out = [];
    for (let i = 0; i < 60; i++) {
      const start = performance.now();
      input.value = String(-1.5 + (3 * (i % 20)) / 19);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await Promise.resolve(); await Promise.resolve();
      fig.getBoundingClientRect();
      out.push(performance.now() - start);
      await new Promise((r) => requestAnimationFrame(() => r()));
    }
    return out;
  })()`);
  const drag = await workPerEvent('voronoi-basins', `(async () => {
    const fig = document.querySelector('figure[data-figure-id="voronoi-basins"]');
    const svg = fig.querySelector('svg.nf-basins-svg');
    const shop = fig.querySelector('[data-shop="5"] circle');
    const r = shop.getBoundingClientRect();
    const x0 = r.x + r.width / 2, y0 = r.y + r.height / 2;
    const ev = (type, x, y) => new PointerEvent(type, { bubbles: true, pointerId: 7, clientX: x, clientY: y, isPrimary: true });
    shop.dispatchEvent(ev('pointerdown', x0, y0));
    await Promise.resolve(); await Promise.resolve();
    const out = [];
    for (let i = 0; i < 60; i++) {
      const start = performance.now();
      svg.dispatchEvent(ev('pointermove', x0 + 2 * i, y0 + (i % 10)));
      await Promise.resolve(); await Promise.resolve();
      fig.getBoundingClientRect();
      out.push(performance.now() - start);
      await new Promise((r) => requestAnimationFrame(() => r()));
    }
    svg.dispatchEvent(ev('pointerup', x0, y0));
    return out;
  })()`);
  for (const [what, times] of [['neuron slider move', slider], ['basins drag step', drag]] as const) {
    const p95 = percentile(times.slice(5), 95);
    console.log(`  ${what}: render + layout p50 ${percentile(times.slice(5), 50).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, min ${Math.min(...times.slice(5)).toFixed(2)} ms (55 events)`);
    if (p95 > FRAME_MS) failures.push(`${what}: p95 ${p95.toFixed(1)} ms exceeds one 60 fps frame (${FRAME_MS.toFixed(1)} ms)`);
  }

  const graph = moduleGraph(distDir);
  const roots = [...new Set([...html.matchAll(ISLANDS)].map((m) => m[0].split('/').pop()!))];
  const own = staticClosure(graph, roots);
  console.log(`  islands + their static imports (incl. preact, chart.js, d3-delaunay): ${kb(gzipTotal(graph, own))} gzip (${roots.length} island entry files)`);
  await context.close();
  return { failures };
}
