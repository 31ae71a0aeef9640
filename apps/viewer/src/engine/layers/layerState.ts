/**
 * How one layer is doing in the scene. `shown`: whether its tileset is drawn now (the user's
 * choice combined with the mode: pipelines only underground); an error can come with a shown
 * tileset (a tile failed, the rest draws) or with none (its tileset.json failed).
 */
export type LayerState =
  | { readonly id: string; readonly phase: 'loading' }
  | { readonly id: string; readonly phase: 'ready'; readonly shown: boolean }
  | { readonly id: string; readonly phase: 'error'; readonly detail: string; readonly shown: boolean };

/** What the user chose for a layer; a layer nobody changed is visible and opaque. */
export interface LayerDisplay {
  readonly visible: boolean;
  /** 0 (invisible) … 1 (opaque). */
  readonly opacity: number;
}

export const DEFAULT_LAYER_DISPLAY: LayerDisplay = { visible: true, opacity: 1 };

/** The thematic colouring of a layer: which property of its schema. */
export interface LayerStyle {
  readonly property: string;
}
