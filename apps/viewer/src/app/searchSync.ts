import { fetchSearch } from '../api/searchClient.js';
import { IDLE_SEARCH } from '../state/searchState.js';
import type { ViewerStore } from '../state/viewerStore.js';

/** Results asked for per query: a screenful, the best first. */
export const SEARCH_LIMIT = 12;
/** Wait this long after the last key before asking, so typing a name is one request, not six. */
const DEBOUNCE_MS = 180;

/**
 * Answers the search box: each query (after a short pause in typing) is asked of the server;
 * an answer that comes after the query changed again is dropped with its request. Returns its undo.
 */
export function startSearchSync(store: ViewerStore): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: AbortController | undefined;

  const ask = (query: string): void => {
    inFlight?.abort();
    const controller = new AbortController();
    inFlight = controller;
    const before = store.getState().searchAnswer;
    store.getState().setSearchAnswer({
      phase: 'loading',
      query,
      previous: before.phase === 'done' ? before.response : before.phase === 'loading' ? before.previous : undefined,
    });
    fetchSearch(query, SEARCH_LIMIT, controller.signal).then(
      (response) => {
        if (!controller.signal.aborted) store.getState().setSearchAnswer({ phase: 'done', query, response });
      },
      () => {
        if (!controller.signal.aborted) store.getState().setSearchAnswer({ phase: 'error', query });
      },
    );
  };

  const stop = store.subscribe((state, previous) => {
    if (state.searchQuery === previous.searchQuery) return;
    clearTimeout(timer);
    inFlight?.abort();
    const query = state.searchQuery;
    if (!query) {
      state.setSearchAnswer(IDLE_SEARCH);
      return;
    }
    timer = setTimeout(() => ask(query), DEBOUNCE_MS);
  });
  return () => {
    stop();
    clearTimeout(timer);
    inFlight?.abort();
  };
}
