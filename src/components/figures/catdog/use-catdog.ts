/**
 * Preact hook over the shared cat/dog store (`./store.ts`).
 */
import { useEffect, useState } from 'preact/hooks';
import { getCatdogState, INITIAL_CATDOG_STATE, startCatdog, subscribeCatdog, type CatdogState } from './store';

/**
 * The shared state; re-renders the island on every change. Starts loading the
 * model when the island mounts (islands hydrate when they become visible).
 * The first render uses the initial state, as the server did, so hydration
 * matches the server's HTML even when another island has already loaded the model.
 */
export function useCatdog(): CatdogState {
  const [s, setS] = useState<CatdogState>(INITIAL_CATDOG_STATE);
  useEffect(() => {
    const off = subscribeCatdog(setS);
    setS(getCatdogState());
    void startCatdog();
    return off;
  }, []);
  return s;
}
