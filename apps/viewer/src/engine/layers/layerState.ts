/** How one catalog layer is doing in the scene. */
export type LayerState =
  | { readonly id: string; readonly phase: 'loading' | 'ready' }
  | { readonly id: string; readonly phase: 'error'; readonly detail: string };
