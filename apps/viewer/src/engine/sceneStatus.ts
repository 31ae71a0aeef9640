/** What a person waiting for the scene is told: loading (with tiles left), ready, or failed. */
export type SceneStatus =
  | { readonly phase: 'loading'; readonly pendingTiles: number }
  | { readonly phase: 'ready' }
  | { readonly phase: 'error'; readonly reason: 'webgl' | 'render' | 'imagery'; readonly detail: string };
