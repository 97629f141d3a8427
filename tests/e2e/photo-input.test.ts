/**
 * Every way a reader gives the photo figure (catdog-examples, /neural-nets/)
 * a photo: paste after using the header's view switch or a slider; files
 * dropped on the caption, on another figure, or before the island hydrates
 * are kept on the page (the drop is cancelled, so the browser does not open
 * the file) and either used or refused with a message; a dropped link, a
 * dropped non-image and a paste without an image each get a message.
 *
 * Clipboard and drag data are built with `DataTransfer` and dispatched as
 * events (what a real paste or drop delivers to the page); whether the
 * browser would navigate is read from `defaultPrevented` of `dragover` and
 * `drop`, which is exactly what decides it in every engine.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { launchBrowser, watchedPage, type PageProblems } from './browser';

const origin = inject('origin');
const PAGE = `${origin}/neural-nets/?l=en`;
const EX = 'figure[data-figure-id="catdog-examples"]';
const ROOT = `${EX} [data-catdog-figure="examples"]`;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;
let png: number[];

beforeAll(async () => {
  png = [...(await sharp({ create: { width: 96, height: 64, channels: 3, background: { r: 200, g: 120, b: 40 } } }).png().toBuffer())];
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  ({ page, problems } = await watchedPage(context, origin));
});
afterAll(async () => {
  await browser?.close();
});

type Payload = { file?: { bytes: number[]; name: string; type: string }; text?: string; uri?: string };

/**
 * Dispatch dragenter, dragover and drop carrying `payload` on the element at `selector`.
 * @returns whether dragover and drop were cancelled (not cancelled: the browser would open the file / link)
 */
async function drop(selector: string, payload: Payload): Promise<{ over: boolean; drop: boolean }> {
  return page.evaluate(
    ({ selector, payload }) => {
      const el = document.querySelector(selector)!;
      const dt = new DataTransfer();
      if (payload.file) dt.items.add(new File([new Uint8Array(payload.file.bytes)], payload.file.name, { type: payload.file.type }));
      if (payload.uri) dt.setData('text/uri-list', payload.uri);
      if (payload.text) dt.setData('text/plain', payload.text);
      const fire = (type: string) => {
        const e = new DragEvent(type, { dataTransfer: dt, bubbles: true, cancelable: true, composed: true });
        el.dispatchEvent(e);
        return e.defaultPrevented;
      };
      fire('dragenter');
      const over = fire('dragover');
      return { over, drop: fire('drop') };
    },
    { selector, payload },
  );
}

/** Dispatch a paste carrying `payload` on the focused element (as a real Ctrl+V does). */
async function paste(payload: Payload): Promise<void> {
  await page.evaluate((payload) => {
    const dt = new DataTransfer();
    if (payload.file) dt.items.add(new File([new Uint8Array(payload.file.bytes)], payload.file.name, { type: payload.file.type }));
    if (payload.text) dt.setData('text/plain', payload.text);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true, composed: true }));
  }, payload);
}

/** Wait until the examples figure shows an uploaded photo newer than `afterKey`; returns its key. */
async function uploadShown(afterKey: number): Promise<number> {
  const handle = await page.waitForFunction(
    ([sel, after]) => {
      const root = document.querySelector(sel);
      return root?.getAttribute('data-current') === 'upload' && Number(root.getAttribute('data-catdog-key') ?? -1) > after ? Number(root.getAttribute('data-catdog-key')) : null;
    },
    [ROOT, afterKey] as const,
    { timeout: 20_000 },
  );
  return (await handle.jsonValue()) as number;
}

async function currentKey(): Promise<number> {
  return Number((await page.locator(ROOT).getAttribute('data-catdog-key')) ?? -1);
}

/** Text of every message the page shows about photos (the figure's status lines and the page's toast). */
async function messages(): Promise<string> {
  return page.evaluate((ex) => {
    const parts = [...document.querySelectorAll(`${ex} [role="alert"], ${ex} [role="status"], #photo-inbox-toast:not([hidden])`)].map((e) => (e as HTMLElement).innerText);
    return parts.join(' | ');
  }, EX);
}

const image = () => ({ file: { bytes: png, name: 'photo.png', type: 'image/png' } });

describe('photo input before the figure has hydrated', () => {
  it('a file dropped on the drop card before hydration is not opened by the browser, is announced, and is used once the island loads', async () => {
    // Hold the island's code until the drop has happened.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route(/ExamplesFigure.*\.js$/, async (route) => {
      await held;
      await route.continue().catch(() => {});
    });
    try {
      await page.goto(PAGE);
      await page.locator(EX).scrollIntoViewIfNeeded();
      const r = await drop(`${EX} [data-sample="upload"]`, image());
      expect(r).toEqual({ over: true, drop: true });
      expect(await messages()).toMatch(/Photo received/);
      release();
      await page.waitForSelector(`${EX} astro-island:not([ssr])`, { timeout: 30_000 });
      await uploadShown(-1);
    } finally {
      release();
      await page.unroute(/ExamplesFigure.*\.js$/);
    }
  }, 60_000);
});

describe('photo input after hydration', () => {
  beforeAll(async () => {
    await page.goto(PAGE);
    await page.locator(EX).scrollIntoViewIfNeeded();
    await page.waitForSelector(`${EX} astro-island:not([ssr])`, { timeout: 30_000 });
    await page.waitForSelector(`${ROOT}[data-live="true"][data-catdog-key]`, { timeout: 60_000 });
  }, 90_000);

  it('paste works after clicking a header view button', async () => {
    const key = await currentKey();
    await page.locator('label[for="view-l-both"]').click();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
    await paste(image());
    await uploadShown(key);
  });

  it('paste works after moving a slider', async () => {
    const key = await currentKey();
    // A figure's slider (the read-aloud speed control is hidden without a voice).
    const slider = page.locator('figure input[type="range"]').first();
    await slider.scrollIntoViewIfNeeded();
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await paste(image());
    await uploadShown(key);
  });

  it('paste into a text field is left to the field', async () => {
    const key = await currentKey();
    const handled = await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'text';
      document.body.appendChild(input);
      input.focus();
      return true;
    });
    expect(handled).toBe(true);
    await paste(image());
    await page.waitForTimeout(300);
    expect(await currentKey()).toBe(key);
    await page.evaluate(() => document.body.lastElementChild?.remove());
  });

  it('a file dropped on the caption or on another figure is not opened by the browser and goes to the photo figure, with a message', async () => {
    for (const target of [`${EX} figcaption`, 'figure[data-figure-id="catdog-layer1"]', 'figure[data-figure-id="voronoi-basins"] .figure-body, figure[data-figure-id="voronoi-basins"]']) {
      const key = await currentKey();
      const r = await drop(target, image());
      expect(r, target).toEqual({ over: true, drop: true });
      await uploadShown(key);
      expect(await messages(), target).toMatch(/went to the cat-or-dog figure/);
    }
  });

  it('a dropped non-image, a dropped link and a paste without an image each get a message saying what to do', async () => {
    await page.locator(EX).scrollIntoViewIfNeeded();
    const r1 = await drop(`${EX} [data-sample="upload"]`, { file: { bytes: [...Buffer.from('just some text\n')], name: 'notes.txt', type: 'text/plain' } });
    expect(r1).toEqual({ over: true, drop: true });
    await page.waitForSelector(`${EX} [data-catdog-error="photo"]`, { timeout: 10_000 });
    expect((await page.locator(`${EX} [data-catdog-error="photo"]`).innerText()).length).toBeGreaterThan(20);

    const r2 = await drop(`${EX} [data-sample="upload"]`, { uri: 'https://example.org/cat.jpg', text: 'https://example.org/cat.jpg' });
    expect(r2).toEqual({ over: true, drop: true });
    await page.waitForFunction((sel) => /Save the photo/.test(document.querySelector(sel)?.textContent ?? ''), `${EX} [data-catdog-error="photo"]`);

    // A link dropped on another figure: the message appears where the reader is, not only in the photo figure.
    const r3 = await drop('figure[data-figure-id="voronoi-basins"]', { uri: 'https://example.org/dog.jpg' });
    expect(r3).toEqual({ over: true, drop: true });
    expect(await page.locator('#photo-inbox-toast').innerText()).toMatch(/Save the photo/);

    await page.locator(`${EX} button[data-sample]`).first().focus();
    await paste({ text: 'hello' });
    await page.waitForFunction((sel) => /holds no image/.test(document.querySelector(sel)?.textContent ?? ''), `${EX} [data-catdog-error="photo"]`);
    expect(problems.pageErrors).toEqual([]);
  }, 60_000);
});
