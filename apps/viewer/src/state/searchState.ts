import type { SearchResponse } from '@pengcheng/protocol';

/** Where the search for what is typed stands; app/searchSync.ts asks the server and fills it in. */
export type SearchAnswer =
  | { readonly phase: 'idle' }
  /** `previous`: the last answer, shown while this one comes rather than flickering away. */
  | { readonly phase: 'loading'; readonly query: string; readonly previous: SearchResponse | undefined }
  | { readonly phase: 'done'; readonly query: string; readonly response: SearchResponse }
  | { readonly phase: 'error'; readonly query: string };

export const IDLE_SEARCH: SearchAnswer = { phase: 'idle' };
