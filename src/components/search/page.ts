/**
 * The search page (`/search/?q=…`): searches the query from the URL at once
 * and keeps the URL in step with the box as the reader types.
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
  const controller = new SearchController(
    engine,
    { form, input, status, results },
    {
      idPrefix: 'sp',
      onQuery: (typed) => {
        const url = new URL(window.location.href);
        if (typed.trim()) url.searchParams.set('q', typed);
        else url.searchParams.delete('q');
        if (url.href !== window.location.href) history.replaceState(history.state, '', url);
      },
    },
  );
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
