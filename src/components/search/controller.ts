/**
 * Drives one search panel (the header dialog or the search page): runs the
 * engine on every keystroke, renders the status line and the results, and
 * handles the keyboard (↑/↓ move through results, Enter opens the active one).
 *
 * A long list is shown a screenful first, and the rest in batches just
 * after, so a one-character query (a hundred paragraphs) answers as fast as
 * a rare word. When the first screenful is in, the results element gets
 * `data-query` and fires `search:rendered`; when the whole list is in, it gets
 * `data-state="done"` and fires `search:complete` (detail of both:
 * {@link RenderedDetail}). The tests and the benchmark wait for these.
 */
import { renderResultChunk, renderStatus, type PartInfo, type SearchOutcome } from '../../lib/search/render';
import type { SearchEngine } from './engine';
import resultsCss from './results.css?url';
import { SEARCH_DEFAULT_VIEW } from '../../lib/search/group';
import type { LangMode, ViewState, ZhRendition } from '../../lib/view-state';

// The results' styles load with this module, not with the page (issue 12): a plain import would put
// them in every page's stylesheet (Astro links CSS imported anywhere in a page's scripts, dynamic
// imports included). Results are rendered once they apply (or failed to load).
const stylesheet = Object.assign(document.createElement('link'), { rel: 'stylesheet', href: resultsCss });
const resultsStyled = new Promise<void>((resolve) => {
  stylesheet.addEventListener('load', () => resolve(), { once: true });
  stylesheet.addEventListener('error', () => resolve(), { once: true });
});
document.head.append(stylesheet);

/** The reader's view as applied to `<html>` by view-init.ts (on every page, the search page included). */
function readerView(): ViewState {
  const d = document.documentElement.dataset;
  return { r: (d.r as ZhRendition | undefined) ?? SEARCH_DEFAULT_VIEW.r, l: (d.l as LangMode | undefined) ?? SEARCH_DEFAULT_VIEW.l };
}

/** The elements of a panel (see SearchPanel.astro). */
export interface PanelElements {
  form: HTMLFormElement;
  input: HTMLInputElement;
  status: HTMLElement;
  results: HTMLElement;
}

export interface ControllerOptions {
  /** Unique prefix for option ids. */
  idPrefix: string;
  /** Called with each query that was searched (the page mirrors it into `?q=`). */
  onQuery?: (typed: string) => void;
  /**
   * Called when the reader follows "search … as English instead" with the new
   * query, before it is searched (the page adds a history entry for it, so Back
   * returns to the previous query).
   */
  onSearchAs?: (typed: string) => void;
  /** Called before the reader is taken to a result (the dialog closes itself). */
  onNavigate?: () => void;
}

/** Detail of the `search:rendered` event. */
export interface RenderedDetail {
  typed: string;
  /** Paragraph results in the whole list (one per paragraph). */
  count: number;
  /** Input to this event's DOM, in ms. */
  ms: number;
  /** Of which searching (index, stored texts, checks), in ms. */
  searchMs: number;
}

/** Wait before showing "loading" (a warm index answers well before this). */
const LOADING_DELAY_MS = 150;
/** Results shown at once (more than a screenful), then per batch. */
const FIRST_RESULTS = 12;
const BATCH_RESULTS = 40;

export class SearchController {
  private seq = 0;
  private active = -1;
  private options: HTMLElement[] = [];

  constructor(
    private readonly engine: SearchEngine,
    private readonly el: PanelElements,
    private readonly opts: ControllerOptions,
  ) {
    el.input.addEventListener('input', (e) => {
      if (!(e as InputEvent).isComposing) void this.run(); // while an IME composes, wait for the characters
    });
    el.input.addEventListener('compositionend', () => void this.run());
    el.input.addEventListener('keydown', (e) => this.onKey(e));
    // "Search … as English instead" (a query read as pinyin): the quoted query, searched here.
    el.status.addEventListener('click', (e) => {
      const link = (e.target as Element | null)?.closest?.<HTMLAnchorElement>('a[data-search-as]');
      if (!link || e.ctrlKey || e.metaKey || e.shiftKey) return;
      e.preventDefault();
      const typed = link.dataset.searchAs ?? '';
      this.opts.onSearchAs?.(typed);
      el.input.value = typed;
      el.input.focus();
      void this.run();
    });
    el.results.addEventListener('click', (e) => {
      const link = (e.target as Element | null)?.closest?.('a.sr-link');
      if (link) this.opts.onNavigate?.();
    });
    el.results.addEventListener('pointermove', (e) => {
      const option = (e.target as Element | null)?.closest?.('[role="option"]') as HTMLElement | null;
      const i = option ? this.options.indexOf(option) : -1;
      if (i >= 0 && i !== this.active) this.setActive(i, false);
    });
  }

  /** Search for the input's current value and render. */
  async run(): Promise<void> {
    const typed = this.el.input.value;
    const seq = ++this.seq;
    const started = performance.now();
    const loading = window.setTimeout(() => {
      if (seq === this.seq) this.el.status.innerHTML = renderStatus({ status: 'loading', typed, hits: [], groups: [], terms: [], convertedTo: [] });
    }, LOADING_DELAY_MS);
    let outcome: SearchOutcome;
    let parts: PartInfo[] = [];
    try {
      outcome = await this.engine.search(typed, readerView());
      if (outcome.status === 'ok') parts = await this.engine.parts();
      await resultsStyled;
    } catch {
      outcome = { status: 'error', typed, hits: [], groups: [], terms: [], convertedTo: [] };
    } finally {
      window.clearTimeout(loading);
    }
    const searched = performance.now();
    if (seq !== this.seq) return; // a newer keystroke won
    this.el.status.innerHTML = renderStatus(outcome);
    this.el.results.dataset.state = 'partial';
    this.el.results.innerHTML = renderResultChunk(outcome, parts, this.opts.idPrefix, 0, FIRST_RESULTS);
    this.refreshOptions();
    this.setActive(this.options.length ? 0 : -1, false);
    this.opts.onQuery?.(typed);
    const detail = (): RenderedDetail => ({ typed, count: outcome.groups.length, ms: performance.now() - started, searchMs: searched - started });
    this.el.results.dataset.query = typed;
    this.el.results.dispatchEvent(new CustomEvent<RenderedDetail>('search:rendered', { detail: detail(), bubbles: true }));
    this.renderRest(seq, outcome, parts, FIRST_RESULTS, detail);
  }

  /** Append the rest of the list in batches, one per task, unless a newer search started. */
  private renderRest(seq: number, outcome: SearchOutcome, parts: PartInfo[], from: number, detail: () => RenderedDetail): void {
    if (seq !== this.seq) return;
    if (from >= outcome.groups.length) {
      this.el.results.dataset.state = 'done';
      this.el.results.dispatchEvent(new CustomEvent<RenderedDetail>('search:complete', { detail: detail(), bubbles: true }));
      return;
    }
    window.setTimeout(() => {
      if (seq !== this.seq) return;
      this.el.results.insertAdjacentHTML('beforeend', renderResultChunk(outcome, parts, this.opts.idPrefix, from, from + BATCH_RESULTS));
      this.refreshOptions();
      this.renderRest(seq, outcome, parts, from + BATCH_RESULTS, detail);
    }, 0);
  }

  private refreshOptions(): void {
    this.options = [...this.el.results.querySelectorAll<HTMLElement>('[role="option"]')];
    this.el.input.setAttribute('aria-expanded', String(this.options.length > 0));
  }

  private setActive(i: number, scroll: boolean): void {
    this.options[this.active]?.setAttribute('aria-selected', 'false');
    this.active = i;
    const option = this.options[i];
    if (option) {
      option.setAttribute('aria-selected', 'true');
      this.el.input.setAttribute('aria-activedescendant', option.id);
      if (scroll) option.scrollIntoView({ block: 'nearest' });
    } else {
      this.el.input.removeAttribute('aria-activedescendant');
    }
  }

  private onKey(e: KeyboardEvent): void {
    if (e.isComposing) return; // an IME is composing Chinese: its keys are not ours
    const n = this.options.length;
    if (e.key === 'ArrowDown' && n) {
      e.preventDefault();
      this.setActive((this.active + 1) % n, true);
    } else if (e.key === 'ArrowUp' && n) {
      e.preventDefault();
      this.setActive((this.active - 1 + n) % n, true);
    } else if (e.key === 'Enter') {
      const link = this.options[this.active]?.querySelector<HTMLAnchorElement>('a[href]');
      if (link) {
        e.preventDefault();
        this.opts.onNavigate?.();
        window.location.assign(link.href);
      }
    }
  }
}
