/**
 * The header search dialog's behaviour, loaded the first time it opens
 * (Search.astro): one engine and one controller for the page's lifetime.
 */
import { SearchController } from './controller';
import { SearchEngine } from './engine';

/**
 * Attach search to the dialog rendered by Search.astro.
 * @param dialog the `<dialog>` element (already open)
 */
export function attach(dialog: HTMLDialogElement): void {
  const form = dialog.querySelector<HTMLFormElement>('[data-search-form]');
  const input = dialog.querySelector<HTMLInputElement>('.sr-input');
  const status = dialog.querySelector<HTMLElement>('.sr-status');
  const results = dialog.querySelector<HTMLElement>('[data-search-results]');
  if (!form || !input || !status || !results) return;
  const engine = new SearchEngine();
  engine.load().catch(() => {
    /* reported by the first search as 'error' */
  });
  const controller = new SearchController(engine, { form, input, status, results }, { idPrefix: 'sd', onNavigate: () => dialog.close() });
  // Whatever was typed while this module loaded is searched now.
  if (input.value.trim()) void controller.run();
}
