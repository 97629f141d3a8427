/**
 * Find the way back (issue 15):
 * - the paragraph at the top of the reading area is remembered per part; after
 *   a reload the part page and the home page offer "继续阅读 · 05 ¶18", and
 *   following it lands with that paragraph at the top of the reading area
 *   (not offered when the URL names a paragraph, nor for a part's first paragraph);
 * - a slim progress bar at the top grows with the scroll position, is hidden
 *   from assistive technology and takes no room in the layout;
 * - "jump to ¶" takes a number or an id (paragraph or sentence) and says
 *   clearly, without moving the page, when none matches.
 */
import { afterAll, beforeAll, describe, expect, inject, it, onTestFinished } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser, watchedPage, type PageProblems } from './browser';

const origin = inject('origin');
let browser: Browser;
let context: BrowserContext;
let page: Page;
let problems: PageProblems;

beforeAll(async () => {
  browser = await launchBrowser();
  // A Chinese browser: the interface (offers, messages) is then Chinese in the default 对照 view.
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce', locale: 'zh-CN' });
  ({ page, problems } = await watchedPage(context, origin));
});
afterAll(async () => {
  await browser?.close();
});

/** Top of a paragraph relative to the bottom of the sticky header, in px. */
const belowHeader = (p: Page, id: string) =>
  p.evaluate((id) => Math.round(document.getElementById(id)!.getBoundingClientRect().top - document.querySelector('.site-header')!.getBoundingClientRect().bottom), id);

/** Wait until the page's height has stayed the same for 1 s (figures in view hydrated). */
const settle = (p: Page) =>
  p.evaluate(async () => {
    let last = -1;
    for (let i = 0, same = 0; i < 60 && same < 4; i++) {
      await new Promise((r) => setTimeout(r, 250));
      const h = document.documentElement.scrollHeight;
      same = h === last ? same + 1 : 0;
      last = h;
    }
  });

describe('continue reading', () => {
  it('remembers ¶18 of part 05 and offers it after a reload, on the part page and the home page', async () => {
    await page.goto(`${origin}/neural-nets/`, { waitUntil: 'load' });
    // Nothing stored yet: no offer, and its row takes no room.
    expect(await page.locator('[data-resume-slot]').isVisible()).toBe(false);
    // The reader scrolls (wheel), then reads with ¶18 at the top of the reading area.
    // No wait for the reading tools (they load on this first interaction): a wheel or a flick that is over
    // before they arrive still counts as the reader moving the page.
    await page.mouse.move(640, 400);
    await page.mouse.wheel(0, 1500);
    // mouse.wheel does not wait for the scroll it starts (it lands late under load), and the figures it
    // brings near restyle and keep the reader's place by scrolling (figure-css.ts): let both finish first,
    // or they would move the page after the jump below.
    await page.waitForFunction(() => scrollY > 0);
    await page.evaluate(async () => {
      const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
      for (let last = -1, same = 0; same < 3; ) {
        await frame();
        const pending = document.querySelector('style[data-fig-css]:not([data-loaded])');
        same = scrollY === last && !pending ? same + 1 : 0;
        last = scrollY;
      }
    });
    await page.evaluate(() => document.getElementById('s05-p18')!.scrollIntoView({ block: 'start', behavior: 'instant' }));
    // Polled, so a failure says which place was stored instead.
    await expect
      .poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('reader-places') ?? '{}').s05?.id ?? null), { timeout: 10_000 })
      .toBe('s05-p18');
    const stored = await page.evaluate(() => JSON.parse(localStorage.getItem('reader-places')!).s05);
    expect(stored.path).toBe('/neural-nets/');

    // Reload (a fresh load at the top): the offer is there, reserved before first paint.
    await page.goto('about:blank');
    await page.goto(`${origin}/neural-nets/`, { waitUntil: 'load' });
    expect(await page.evaluate(() => document.documentElement.dataset.resume)).toBe('here');
    const offer = page.locator('[data-resume-slot] a');
    await offer.waitFor({ timeout: 5000 });
    expect(await offer.innerText()).toMatch(/继续阅读 · 05 ¶18/);
    expect(await offer.getAttribute('href')).toBe('/neural-nets/#s05-p18');
    expect(await page.evaluate(() => scrollY)).toBe(0);
    await offer.click();
    await page.waitForFunction(() => location.hash === '#s05-p18');
    await settle(page);
    const landed = await belowHeader(page, 's05-p18');
    expect(landed, `¶18 lands ${landed}px below the header`).toBeGreaterThanOrEqual(0);
    expect(landed).toBeLessThanOrEqual(40);

    // With a fragment in the URL the page goes where the link says: no offer.
    await page.goto('about:blank');
    await page.goto(`${origin}/neural-nets/#s05-p03`, { waitUntil: 'load' });
    expect(await page.locator('[data-resume-slot]').isVisible()).toBe(false);

    // The home page offers the most recent place, and following it lands on ¶18 too.
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    const home = page.locator('[data-resume-slot] a');
    await home.waitFor({ timeout: 5000 });
    expect(await home.innerText()).toMatch(/继续阅读 · 05 ¶18 · 神经网络/);
    await home.click();
    await page.waitForURL(/\/neural-nets\/#s05-p18$/);
    await page.waitForLoadState('load');
    await settle(page);
    const fromHome = await belowHeader(page, 's05-p18');
    expect(fromHome).toBeGreaterThanOrEqual(0);
    expect(fromHome).toBeLessThanOrEqual(40);
    expect(problems.pageErrors).toEqual([]);
  }, 90_000);

  it('does not offer a part’s first paragraph, and arriving by a link records nothing', async () => {
    await page.goto(`${origin}/training/`, { waitUntil: 'load' });
    await page.evaluate(() => {
      localStorage.setItem('reader-places', JSON.stringify({ s06: { id: 's06-p01', path: '/training/', t: Date.now() } }));
      localStorage.removeItem('reader-resume');
    });
    await page.goto(`${origin}/training/#s06-p04`, { waitUntil: 'load' });
    await page.waitForTimeout(900);
    expect(await page.evaluate(() => JSON.parse(localStorage.getItem('reader-places')!).s06.id)).toBe('s06-p01');
    await page.goto(`${origin}/training/`, { waitUntil: 'load' });
    expect(await page.evaluate(() => document.documentElement.dataset.resume ?? null)).toBe(null);
    expect(await page.locator('[data-resume-slot]').isVisible()).toBe(false);
  }, 30_000);
});

describe('continue reading on the home page', () => {
  it('offers one link per part read, most recent first, in rows reserved before first paint', async () => {
    const now = Date.now();
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    await page.evaluate((now) => {
      localStorage.setItem(
        'reader-places',
        JSON.stringify({
          s05: { id: 's05-p18', path: '/neural-nets/', t: now - 60_000 },
          s06: { id: 's06-p04', path: '/training/', t: now },
          s00: { id: 's00-p01', path: '/flac-jpeg/', t: now - 1000 }, // a part's first paragraph: not offered
        }),
      );
      localStorage.setItem('reader-resume', '/training/ /neural-nets/');
    }, now);
    await page.goto('about:blank');
    await page.goto(`${origin}/`, { waitUntil: 'load' });
    // Before the links come: the slot already has its rows.
    const reserved = await page.evaluate(() => document.querySelector('[data-resume-slot]')!.getBoundingClientRect().height);
    const links = page.locator('[data-resume-slot] li > a');
    await expect.poll(() => links.count()).toBe(2);
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(['/training/#s06-p04', '/neural-nets/#s05-p18']);
    expect(await links.nth(0).innerText()).toMatch(/继续阅读 · 06 ¶4 · 机器学习/);
    expect(await links.nth(1).innerText()).toMatch(/继续阅读 · 05 ¶18 · 神经网络/);
    const filled = await page.evaluate(() => document.querySelector('[data-resume-slot]')!.getBoundingClientRect().height);
    expect(Math.abs(filled - reserved), `reserved ${reserved}px, filled ${filled}px`).toBeLessThan(1);
    // One rule styles the link on both pages: the same pill as on a part page.
    const pill = await links.nth(0).evaluate((a) => {
      const s = getComputedStyle(a);
      return { radius: s.borderRadius, weight: s.fontWeight, minHeight: s.minHeight };
    });
    expect(pill).toEqual({ radius: '999px', weight: '600', minHeight: '44px' });
    // On a phone, in the English interface too (longer titles): each link keeps to one line, so the reserved rows hold.
    await page.setViewportSize({ width: 375, height: 800 });
    onTestFinished(() => page.setViewportSize({ width: 1280, height: 800 }));
    for (const ui of ['zh', 'en', 'both']) {
      await page.evaluate((ui) => (document.documentElement.dataset.ui = ui), ui);
      const phone = await page.evaluate(() => ({
        slot: document.querySelector('[data-resume-slot]')!.getBoundingClientRect().height,
        reserved: parseFloat(getComputedStyle(document.querySelector('[data-resume-slot]')!).minHeight),
        links: [...document.querySelectorAll('[data-resume-slot] a')].map((a) => [a.getBoundingClientRect().height, a.getBoundingClientRect().right]),
      }));
      expect(phone.slot, ui).toBeLessThanOrEqual(phone.reserved + 1);
      for (const [h, right] of phone.links) {
        expect(h, ui).toBeLessThanOrEqual(45);
        expect(right, ui).toBeLessThanOrEqual(375);
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await links.nth(1).click();
    await page.waitForURL(/\/neural-nets\/#s05-p18$/);
    expect(problems.pageErrors).toEqual([]);
  }, 60_000);
});

describe('reading progress', () => {
  it('grows with the scroll position, takes no room and is hidden from screen readers', async () => {
    await page.goto(`${origin}/neural-nets/`, { waitUntil: 'load' });
    const bar = page.locator('.read-progress');
    const measure = () =>
      page.evaluate(() => {
        const el = document.querySelector('.read-progress')!;
        const s = getComputedStyle(el);
        const scrolled = scrollY / Math.max(1, document.documentElement.scrollHeight - innerHeight);
        return { width: el.getBoundingClientRect().width, scrolled, position: s.position, hidden: el.getAttribute('aria-hidden'), transition: s.transitionDuration };
      });
    const top = await measure();
    expect(top).toMatchObject({ position: 'fixed', hidden: 'true', transition: '0s' });
    expect(top.width).toBeLessThan(2);
    await page.evaluate(() => scrollTo(0, (document.documentElement.scrollHeight - innerHeight) / 2));
    await page.waitForTimeout(100);
    // Figures near the new position load their styles and change the page height, so compare the
    // bar with the scrolled fraction measured at the same moment, not with the fraction asked for.
    // Measured once two readings 200 ms apart agree (the scroll-driven bar follows on the next frame).
    let half = await measure();
    for (let i = 0; i < 20; i += 1) {
      await page.waitForTimeout(200);
      const again = await measure();
      const same = Math.abs(again.width - half.width) < 1 && Math.abs(again.scrolled - half.scrolled) < 0.001;
      half = again;
      if (same) break;
    }
    expect(half.scrolled).toBeGreaterThan(0.2);
    expect(half.scrolled).toBeLessThan(0.8);
    expect(Math.abs(half.width - 1280 * half.scrolled)).toBeLessThan(1280 * 0.03);
    await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
    await page.waitForTimeout(100);
    expect((await measure()).width).toBeGreaterThan(1280 * 0.98);
    expect(await bar.evaluate((el) => el.closest('[aria-hidden="true"]') === el)).toBe(true);
  });
});

describe('jump to ¶', () => {
  it('a jump sent before the reading tools arrive is held for them, not sent as a page reload', async () => {
    // A reader on a slow phone: the tools' code takes 1.5 s; nothing is stored, so nothing loads them early.
    const slow = await browser.newContext({ viewport: { width: 375, height: 800 }, reducedMotion: 'reduce' });
    await slow.route(/\/reading-tools\.[\w-]+\.js$/, async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    const { page: p, problems: pr } = await watchedPage(slow, origin);
    await p.goto(`${origin}/training/`, { waitUntil: 'load' });
    // A mark on this document: a page load would wipe it.
    await p.evaluate(() => void ((window as unknown as { sameDocument: boolean }).sameDocument = true));
    await p.locator('#jump-input').fill('3');
    await p.locator('#jump-input').press('Enter');
    await p.waitForFunction(() => location.hash === '#s06-p03', undefined, { timeout: 10_000 });
    expect(p.url(), 'no ?p= query: the form was not sent as a page load').not.toMatch(/[?&]p=/);
    expect(await p.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
    expect(pr.pageErrors).toEqual([]);
    await slow.close();
  }, 30_000);

  it('goes to a paragraph by number and by id, to a sentence by id, and says so when none matches', async () => {
    await page.goto(`${origin}/neural-nets/`, { waitUntil: 'load' });
    const input = page.locator('#jump-input');
    const msg = page.locator('#jump-msg');

    await input.fill('18');
    await input.press('Enter');
    await page.waitForFunction(() => location.hash === '#s05-p18');
    await settle(page);
    expect(Math.abs(await belowHeader(page, 's05-p18'))).toBeLessThanOrEqual(40);
    // The keyboard focus goes to the paragraph (Tab and a screen reader continue from there), and stays.
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('s05-p18');
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('s05-p18');
    // Home still scrolls the page from the focused paragraph (Home/End pick sentences only among them).
    await page.keyboard.press('Home');
    await page.waitForFunction(() => scrollY === 0, undefined, { timeout: 5_000 });

    // A second jump from the same box works the same way.
    await page.evaluate(() => scrollTo(0, 0));
    await input.fill('s05-p7');
    await input.press('Enter');
    await page.waitForFunction(() => location.hash === '#s05-p07');
    await settle(page);
    expect(Math.abs(await belowHeader(page, 's05-p07'))).toBeLessThanOrEqual(40);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('s05-p07');

    await page.evaluate(() => scrollTo(0, 0));
    // A sentence: the second segment of the first paragraph after ¶10 that has two.
    const seg = await page.evaluate(() => [...document.querySelectorAll('.text div[data-para-id] > [data-rendition="literal"] > [data-seg-id$="-s2"]')].map((s) => s.getAttribute('data-seg-id')!).find((id) => id > 's05-p10')!);
    await input.fill(seg);
    await input.press('Enter');
    await page.waitForFunction((seg) => location.hash === `#${seg}`, seg);
    // A sentence link centres the sentence and marks it (segments.ts).
    await page.waitForFunction(
      (seg) => [...document.querySelectorAll(`[data-seg-id="${seg}"]`)].some((s) => s.getClientRects().length > 0 && s.classList.contains('seg-target') && Math.abs(s.getBoundingClientRect().top + s.getBoundingClientRect().height / 2 - innerHeight / 2) < innerHeight / 3),
      seg,
    );

    // Bad values: a clear message, and the page stays where it is.
    for (const [value, expected] of [
      ['99', /本部分只有 ¶1 到 ¶\d+，没有“99”/],
      ['999', /本部分只有 ¶1 到 ¶\d+，没有“999”/],
      ['0', /没有 ¶0：段号从 ¶1 到 ¶\d+/],
      ['s06-p04', /“s06-p04”在第 06 部分.*打开第 06 部分的 ¶4/],
      ['s04-p3', /没有第 04 部分：本站的部分是 00, 05, 06/],
      ['hello', /看不懂“hello”/],
      ['', /请输入段号/],
    ] as const) {
      // The reader goes to the field (a click: the sentence landing stops holding the page, as it
      // does for any pointer, wheel, touch or key), and figures near it finish loading their styles.
      await input.click();
      await input.fill(value);
      await page.waitForTimeout(300);
      const before = await page.evaluate(() => ({ y: scrollY, hash: location.hash }));
      await page.keyboard.press('Enter');
      await expect.poll(() => msg.innerText()).toMatch(expected);
      expect(await input.getAttribute('aria-invalid')).toBe('true');
      expect(await page.evaluate(() => ({ y: scrollY, hash: location.hash }))).toEqual(before);
    }
    // The message is in both languages (CSS shows the reader's).
    expect(await msg.locator('.ui-en').textContent()).toMatch(/Type a paragraph number/);
    // An id of another part links to it there.
    await input.fill('s06-p04');
    await input.press('Enter');
    await expect.poll(() => msg.locator('a').getAttribute('href')).toBe('/training/#s06-p04');
    expect(await msg.locator('a .ui-en').textContent()).toBe('Open part 06 at ¶4 →');
    expect(problems.pageErrors).toEqual([]);
  }, 60_000);

  it('a sentence number past the paragraph’s last sentence goes to the paragraph (or its last sentence) and says so', async () => {
    await page.goto(`${origin}/neural-nets/`, { waitUntil: 'load' });
    const input = page.locator('#jump-input');
    const msg = page.locator('#jump-msg');
    // Sentences per paragraph, from the page: the first paragraph with one sentence, and one with several.
    const counts = await page.evaluate(() =>
      [...document.querySelectorAll('.text div[data-para-id]')].map((p) => ({ id: p.id, n: new Set([...p.querySelectorAll('[data-rendition] > [data-seg-id]')].map((s) => s.getAttribute('data-seg-id'))).size })),
    );
    const one = counts.find((c) => c.n === 1)!;
    const many = counts.find((c) => c.n >= 2)!;
    const num = (id: string) => Number(id.slice(-2));
    expect(one, 'a paragraph of one sentence').toBeTruthy();

    await input.fill(`${num(one.id)}.2`);
    await input.press('Enter');
    await page.waitForFunction((id) => location.hash === `#${id}`, one.id);
    await expect.poll(() => msg.innerText()).toBe(`¶${num(one.id)} 只有一句，已跳到 ¶${num(one.id)}。`);
    expect(await msg.locator('.ui-en').textContent()).toBe(`¶${num(one.id)} has only one sentence: went to ¶${num(one.id)}.`);
    expect(await input.getAttribute('aria-invalid')).toBe(null);
    await settle(page);
    expect(Math.abs(await belowHeader(page, one.id))).toBeLessThanOrEqual(40);

    await input.fill(`${many.id}-s${many.n + 5}`);
    await input.press('Enter');
    await page.waitForFunction((id) => location.hash === `#${id}`, `${many.id}-s${many.n}`);
    await expect.poll(() => msg.innerText()).toBe(`¶${num(many.id)} 只有 ${many.n} 句，已跳到 ¶${num(many.id)}.${many.n}。`);
    expect(problems.pageErrors).toEqual([]);
  }, 60_000);

  it('at 320 px the field and its button share a row in every interface language, on every part', async () => {
    const narrow = await browser.newContext({ viewport: { width: 320, height: 640 }, locale: 'zh-CN' });
    try {
      const p = await narrow.newPage();
      const rows: string[] = [];
      for (const path of ['/flac-jpeg/', '/neural-nets/', '/training/']) {
        await p.goto(`${origin}${path}`, { waitUntil: 'load' });
        for (const ui of ['zh', 'en', 'both']) {
          await p.evaluate((u) => {
            const select = document.getElementById('ui-lang') as HTMLSelectElement;
            select.value = u;
            select.dispatchEvent(new Event('change', { bubbles: true }));
          }, ui);
          const r = await p.evaluate(() => {
            const a = document.querySelector('.jump input')!.getBoundingClientRect();
            const b = document.querySelector('.jump button')!.getBoundingClientRect();
            return { dy: Math.abs(a.top - b.top), right: b.right, vw: document.documentElement.clientWidth };
          });
          if (r.dy > 1 || r.right > r.vw) rows.push(`${path} ui ${ui}: button ${r.dy} px below the field, right edge ${r.right} of ${r.vw}`);
        }
      }
      expect(rows).toEqual([]);
    } finally {
      await narrow.close();
    }
  });
});
