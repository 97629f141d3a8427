/**
 * Section 06's figures in Chromium (built site): the static drawings without
 * JavaScript, and the live training figure — training lowers the loss shown
 * and meets the goal within 30 s with no main-thread task over 50 ms; pause
 * stops it; reset restores figure 3's first random function; the worker ends
 * when the reader leaves the page.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page, Worker } from 'playwright-core';
import { brokenFallbackImages, countInFallbackSvgs } from './fallback-files';
import { launchBrowser, watchedPage } from './browser';
import { loadFit1dBuildData } from '../../src/components/figures/fit1d/build-data';
import { TrainingSession, type TrainSettings } from '../../src/lib/fit1d/session';
import { trainingSet } from '../../src/lib/fit1d/target';
import { BATCH_SEED, DEFAULT_BATCH_SIZE, DEFAULT_LEARNING_RATE, FIT1D_SPEC } from '../../src/lib/models/fit1d';

const origin = inject('origin');
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
});
afterAll(async () => {
  await browser?.close();
});

const TRAIN = '[data-figure-id="fit1d-train"] [data-status]';

/** The number shown as "mean squared error" in the live figure. */
async function shownMse(page: Page): Promise<number> {
  const text = (await page.locator(`${TRAIN} [data-readout="mse"]`).textContent()) ?? '';
  return Number(text.replace('−', '-'));
}

async function attr(page: Page, name: string): Promise<string | null> {
  return page.locator(TRAIN).first().getAttribute(name);
}

/** The error the library computes after `steps` steps from draw 0 with `settings` (the run is deterministic). */
function expectedMse(steps: number, settings: TrainSettings): number {
  const start = loadFit1dBuildData(process.cwd()).draws[0]!.params;
  const session = new TrainingSession(FIT1D_SPEC, start, trainingSet(), settings, BATCH_SEED);
  session.steps(steps);
  return session.loss();
}

/** Resolves when `worker` is terminated, or with false after `ms`. */
function closed(worker: Worker, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    worker.once('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

describe('without JavaScript', () => {
  it('every figure shows its static drawing: target, diagram, eight draws, snapshots', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    const page = await noJs.newPage();
    await page.goto(`${origin}/training/`);
    // The drawings are SVG files shown by lazy <img> (scripts/build/figure-assets.ts); count inside the files.
    expect(await countInFallbackSvgs(page.locator('[data-figure-id="fit1d-target"]'), 'path')).toBeGreaterThanOrEqual(2);
    // 1 input + 3 × 16 hidden + 1 output.
    expect(await countInFallbackSvgs(page.locator('[data-figure-id="fit1d-network"]'), 'circle')).toBe(50);
    expect(await countInFallbackSvgs(page.locator('[data-figure-id="fit1d-network"]'), 'line')).toBe(16 + 256 + 256 + 16);
    expect(await page.locator('[data-figure-id="fit1d-network"]').innerText()).toContain('49');
    const tiles = page.locator('[data-figure-id="fit1d-random"] [data-draw]');
    expect(await tiles.count()).toBe(8);
    const probes = await tiles.evaluateAll((els) => els.map((e) => e.getAttribute('data-probe')));
    expect(new Set(probes).size).toBe(8);
    const snaps = page.locator('[data-figure-id="fit1d-train"] .snap');
    expect(await snaps.count()).toBe(6);
    const mses = await snaps.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-mse'))));
    expect(mses[mses.length - 1]!).toBeLessThan(0.005);
    expect(mses[0]!).toBeGreaterThan(mses[mses.length - 1]! * 100);
    for (const s of await snaps.all()) expect(await countInFallbackSvgs(s, 'path.s-net, path[class*="s-net"]')).toBe(1);
    // The live panel's fallback (pretrained loss curve) is there, with the note that training needs JavaScript.
    expect(await page.locator('[data-figure-id="fit1d-train"] [data-fallback] img[data-svg-fallback]').count()).toBe(2);
    expect(await brokenFallbackImages(page.locator('main'))).toEqual([]);
    await noJs.close();
  });
});

describe('live training', () => {
  it('trains to the goal within 30 s without long main-thread tasks; pause stops; reset restores draw 1; the worker ends on leaving', async () => {
    const { page, problems } = await watchedPage(context, origin);
    await page.addInitScript(() => {
      const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
      w.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    const allWorkers: Worker[] = [];
    page.on('worker', (w) => allWorkers.push(w));
    /** The training workers started so far (the charts have their own worker). */
    const trainers = () => allWorkers.filter((w) => w.url().includes('train.worker'));
    await page.goto(`${origin}/training/#fig-fit1d-train`);
    await page.locator('[data-figure-id="fit1d-train"]').scrollIntoViewIfNeeded();
    await page.waitForSelector(`${TRAIN}[data-status="ready"][data-probe]`, { timeout: 20_000 });

    // Before training: the function is figure 3's first random draw.
    const drawOne = await page.locator('[data-figure-id="fit1d-random"] [data-draw="0"]').getAttribute('data-probe');
    const probe0 = await attr(page, 'data-probe');
    expect(probe0).toBe(drawOne);
    const mse0 = await shownMse(page);
    expect(mse0).toBeGreaterThan(0.5);
    // The training worker is started idle once the figure is ready, so "Train" only sends it a message.
    await page.waitForSelector(`${TRAIN}[data-worker="alive"]`);
    expect(trainers()).toHaveLength(1);
    expect(Number(await attr(page, 'data-step'))).toBe(0);
    // Chromium can hand canvases to a worker: the charts are drawn off the main thread.
    expect(allWorkers.some((w) => w.url().includes('chart.worker'))).toBe(true);

    // Train.
    const t0 = await page.evaluate(() => performance.now());
    await page.locator(`${TRAIN} [data-action="toggle"]`).click();
    await page.waitForSelector(`${TRAIN}[data-reached-ms]`, { timeout: 30_000 });
    const reachedMs = Number(await attr(page, 'data-reached-ms'));
    expect(reachedMs).toBeLessThan(30_000);
    expect(await shownMse(page)).toBeLessThan(mse0 / 10);
    expect(trainers()).toHaveLength(1);
    expect(await attr(page, 'data-worker')).toBe('alive');
    const t1 = await page.evaluate(() => performance.now());
    const longTasks = await page.evaluate(
      ([from, to]) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks.filter((t) => t.start >= from! && t.start <= to!),
      [t0, t1],
    );
    expect(longTasks.filter((t) => t.duration > 50), JSON.stringify(longTasks)).toEqual([]);

    // Pause: the step count stops moving.
    await page.locator(`${TRAIN} [data-action="toggle"]`).click();
    await page.waitForSelector(`${TRAIN}[data-status="paused"]`);
    await page.waitForTimeout(300);
    const stepPaused = Number(await attr(page, 'data-step'));
    expect(stepPaused).toBeGreaterThan(100);
    await page.waitForTimeout(1200);
    expect(Number(await attr(page, 'data-step'))).toBe(stepPaused);
    // The worker computed exactly what the library computes for these settings and this many steps.
    const pausedMse = Number(await attr(page, 'data-mse'));
    expect(pausedMse / expectedMse(stepPaused, { learningRate: DEFAULT_LEARNING_RATE, batchSize: DEFAULT_BATCH_SIZE }) - 1).toBeCloseTo(0, 5);

    // Reset: back to step 0 and exactly the random-weights function of figure 3's first draw.
    await page.locator(`${TRAIN} [data-action="reset"]`).click();
    await page.waitForSelector(`${TRAIN}[data-step="0"]`);
    expect(await attr(page, 'data-probe')).toBe(drawOne);
    expect(await shownMse(page)).toBe(mse0);
    expect(await attr(page, 'data-reached-ms')).toBeNull();

    // Leaving the page (pagehide) terminates the worker; training can resume in a new one afterwards.
    const first = trainers()[0]!;
    const firstClosed = closed(first, 5000);
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })));
    expect(await firstClosed).toBe(true);
    expect(await attr(page, 'data-worker')).toBe('terminated');
    await page.locator(`${TRAIN} [data-action="toggle"]`).click();
    await page.waitForFunction((sel) => Number(document.querySelector(sel)?.getAttribute('data-step')) > 0, TRAIN);
    expect(trainers()).toHaveLength(2);

    // A real navigation away ends the running worker too.
    const secondClosed = closed(trainers()[1]!, 5000);
    await page.goto(`${origin}/`);
    expect(await secondClosed).toBe(true);

    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
    await page.close();
  });

  it('a corrupted weight file is refused with a message in both languages, and the static drawing stays', async () => {
    const page = await context.newPage();
    await page.route('**/models/fit1d/random-0.bin', async (route) => {
      const res = await route.fetch();
      const body = Buffer.from(await res.body());
      body[0] = body[0]! ^ 0xff;
      await route.fulfill({ response: res, body });
    });
    await page.goto(`${origin}/training/#fig-fit1d-train`);
    await page.locator('[data-figure-id="fit1d-train"]').scrollIntoViewIfNeeded();
    await page.waitForSelector(`${TRAIN}[data-status="error"]`, { timeout: 20_000 });
    const alert = (await page.locator(`${TRAIN} [role="alert"]`).textContent()) ?? '';
    expect(alert).toContain('checksum');
    expect(alert).toContain('校验和');
    expect(await page.locator(`${TRAIN} [data-fallback] img[data-svg-fallback]`).first().isVisible()).toBe(true);
    expect(await page.locator(`${TRAIN} [data-action="toggle"]`).isDisabled()).toBe(true);
    await page.close();
  });

  it('changing learning rate and batch size changes the run', async () => {
    const { page, problems } = await watchedPage(context, origin);
    await page.goto(`${origin}/training/#fig-fit1d-train`);
    await page.locator('[data-figure-id="fit1d-train"]').scrollIntoViewIfNeeded();
    await page.waitForSelector(`${TRAIN}[data-status="ready"][data-probe]`, { timeout: 20_000 });
    await page.selectOption(`${TRAIN} select[data-control="learning-rate"]`, '0.001');
    await page.selectOption(`${TRAIN} select[data-control="batch-size"]`, '200');
    await page.locator(`${TRAIN} [data-action="toggle"]`).click();
    await page.waitForFunction((sel) => Number(document.querySelector(sel)?.getAttribute('data-step')) >= 150, TRAIN, { timeout: 15_000 });
    await page.locator(`${TRAIN} [data-action="toggle"]`).click();
    await page.waitForSelector(`${TRAIN}[data-status="paused"]`);
    await page.waitForTimeout(300);
    const step = Number(await attr(page, 'data-step'));
    const mse = Number(await attr(page, 'data-mse'));
    // Exactly the run of the chosen settings, and not the default one.
    const chosen = expectedMse(step, { learningRate: 0.001, batchSize: 200 });
    const defaults = expectedMse(step, { learningRate: DEFAULT_LEARNING_RATE, batchSize: DEFAULT_BATCH_SIZE });
    expect(mse / chosen - 1).toBeCloseTo(0, 5);
    expect(Math.abs(mse / defaults - 1)).toBeGreaterThan(0.1);
    expect(problems).toEqual({ consoleErrors: [], pageErrors: [], foreignRequests: [] });
    await page.close();
  });
});
