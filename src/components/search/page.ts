/**
 * The search page (`/search/?q=…`): searches the query from the URL at once
 * and keeps the URL in step with the box as the reader types (replacing the
 * history entry); "search … as English instead" adds an entry, and Back and
 * Forward search the entry's query again.
 */
import { SearchController } from './controller';
import { SearchEngine } from './engine';

const root = document.querySelector<HTMLElement>('[data-search-page]');
const form = root?.querySelector<HTMLFormElement>('[data-search-form]');
const input = root?.querySelector<HTMLInputElement>('.sr-input');
const status = root?.querySelector<HTMLElement>('.sr-status');
const results = root?.querySelector<HTMLElement>('[data-search-results]');

if (root && form && input && status && results) {
  const engine = new SearchEngine();
  engine.load().catch(() => {
    /* reported by the first search as 'error' */
  });
  /** The page's URL with `q` set to a query ('' removes it). */
  const urlFor = (typed: string): URL => {
    const url = new URL(window.location.href);
    if (typed.trim()) url.searchParams.set('q', typed);
    else url.searchParams.delete('q');
    return url;
  };
  const controller = new SearchController(
    engine,
    { form, input, status, results },
    {
      idPrefix: 'sp',
      // Typing refines the query in place: one history entry, kept in step with the box.
      onQuery: (typed) => {
        const url = urlFor(typed);
        if (url.href !== window.location.href) history.replaceState(history.state, '', url);
      },
      // Searching a query read as pinyin as English instead is a new search: Back returns to the pinyin reading.
      onSearchAs: (typed) => {
        const url = urlFor(typed);
        if (url.href !== window.location.href) history.pushState(null, '', url);
      },
    },
  );
  // Back and Forward between the entries put their query back in the box and search it.
  window.addEventListener('popstate', () => {
    const q = new URLSearchParams(window.location.search).get('q') ?? '';
    if (q === input.value) return;
    input.value = q;
    void controller.run();
  });
  // The form is live: submitting it (Enter with no active result) only re-runs the search.
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void controller.run();
  });
  const q = new URLSearchParams(window.location.search).get('q') ?? '';
  input.value = q;
  if (q) void controller.run();
  input.focus();
}
