/**
 * `npm run bench:stroke`: the first stroke on the digit pad after a cold load,
 * with the CPU throttled 4× (Chrome DevTools' `Emulation.setCPUThrottlingRate`),
 * phone viewport 390×844. Each run opens /neural-nets/ in a fresh context (empty
 * cache), scrolls to the digit network, waits until its model says it is ready,
 * draws a "7", and records the main thread's long tasks (PerformanceObserver
 * `longtask`, tasks > 50 ms) from mouse-down until 1.5 s after mouse-up.
 * Prints each run's longest task and total blocking (ms), the scripts that ran in
 * the animation frame of that task (`long-animation-frame` entries), the maximum over
 * runs, and `os.loadavg()`. Issue 12: no task > 200 ms. Runs: env RUNS (default 12, as in the issue).
 * Exits 1 when a run has a task over 200 ms.
 */
import { loadavg } from 'node:os';
import { launchBrowser } from '../../tests/e2e/browser.ts';
import { startStaticServer } from '../../tests/e2e/server.ts';

const RUNS = Number(process.env.RUNS ?? 12);
const LIMIT_MS = 200;
const server = await startStaticServer(process.env.SITE_DIST ?? 'dist');
const browser = await launchBrowser();
console.log(`load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}; CPU throttle 4×, ${RUNS} cold runs`);
const longest: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    // Long animation frames name the scripts that ran (Chromium): printed for the run's longest task.
    const f = window as unknown as { __frames: { start: number; end: number; scripts: string[] }[] };
    f.__frames = [];
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as unknown as { startTime: number; duration: number; scripts: { sourceURL: string; invoker: string; duration: number }[] }[]) {
          const scripts = [...e.scripts].sort((a, b) => b.duration - a.duration).slice(0, 3);
          f.__frames.push({ start: e.startTime, end: e.startTime + e.duration, scripts: scripts.map((x) => `${x.sourceURL.split('/').pop() || x.invoker} ${Math.round(x.duration)} ms`) });
        }
      }).observe({ type: 'long-animation-frame', buffered: true });
    } catch {
      // No long-animation-frame entries in this browser: no attribution.
    }
  });
  await page.goto(`${server.origin}/neural-nets/`);
  const fig = page.locator('figure[data-figure-id="digits-network"]');
  await fig.scrollIntoViewIfNeeded();
  await fig.locator('[data-state="ready"]').waitFor({ timeout: 120_000 });
  const pad = page.getByTestId('digits-pad');
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const at = (x: number, y: number) => [box.x + x * box.width, box.y + y * box.height] as const;
  const t0 = await page.evaluate(() => performance.now());
  await page.mouse.move(...at(0.25, 0.2));
  await page.mouse.down();
  for (const [x, y] of [[0.75, 0.2], [0.45, 0.85]] as const) await page.mouse.move(...at(x, y), { steps: 8 });
  await page.mouse.up();
  await page.waitForTimeout(1500);
  const tasks = await page.evaluate((from) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((t) => t.start + t.duration >= from), t0);
  const max = Math.max(0, ...tasks.map((t) => t.duration));
  const blocking = tasks.reduce((a, t) => a + Math.max(0, t.duration - 50), 0);
  longest.push(max);
  const worst = tasks.find((t) => t.duration === max);
  const who = worst
    ? await page.evaluate(
        (t) => (window as unknown as { __frames: { start: number; end: number; scripts: string[] }[] }).__frames.filter((f) => f.start <= t.start + t.duration && f.end >= t.start).flatMap((f) => f.scripts),
        worst,
      )
    : [];
  console.log(`run ${run + 1}: longest task ${max.toFixed(0)} ms, ${tasks.length} long task(s), blocking ${blocking.toFixed(0)} ms; load average ${loadavg()[0]!.toFixed(2)}${who.length ? `; scripts in its frame: ${who.join(', ')}` : ''}`);
  await context.close();
}
console.log(`max over runs: ${Math.max(...longest).toFixed(0)} ms (limit ${LIMIT_MS} ms); load average ${loadavg().map((v) => v.toFixed(2)).join(' ')}`);
await browser.close();
await server.close();
if (longest.some((m) => m > LIMIT_MS)) process.exit(1);
