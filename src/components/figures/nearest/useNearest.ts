/**
 * Preact hook: load nearest-point networks through the shared loader when the
 * island mounts (islands are hydrated `client:visible`, so when scrolled into view),
 * reporting byte progress and a bilingual error. tfjs itself is imported lazily
 * by the loader, so importing this hook pulls no tfjs code into the page.
 */
import { useEffect, useState } from 'preact/hooks';
import { describeLoadError, type LoadProgress } from '../../../lib/models/loader';
import { loadNearest, type LoadedNearest } from '../../../lib/models/nearest-runtime';

/** Where loading stands. */
export type NearestLoadState =
  | { status: 'loading'; progress: LoadProgress | null; done: number; of: number }
  | { status: 'ready'; models: LoadedNearest[] }
  | { status: 'error'; message: { zh: string; en: string } };

/**
 * Load the named networks one after another (they share tfjs and the wasm binary).
 * @param names manifest names, e.g. `['nearest-17']`
 * @returns the state; `models` are in the order of `names`
 */
export function useNearest(names: readonly string[]): NearestLoadState {
  const [state, setState] = useState<NearestLoadState>({ status: 'loading', progress: null, done: 0, of: names.length });
  const key = names.join(',');
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const models: LoadedNearest[] = [];
        for (const name of names) {
          const m = await loadNearest(name, {
            onProgress: (progress) => {
              if (!cancelled) setState({ status: 'loading', progress, done: models.length, of: names.length });
            },
          });
          models.push(m);
          if (!cancelled) setState({ status: 'loading', progress: null, done: models.length, of: names.length });
        }
        if (!cancelled) setState({ status: 'ready', models });
      } catch (err) {
        console.warn('nearest figure: model load failed', err);
        if (!cancelled) setState({ status: 'error', message: describeLoadError(err) });
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [key]);
  return state;
}
