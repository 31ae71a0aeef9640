/** What the benchmark page is asked to do, from its query string. */
export interface PageParams {
  /** Our layer, the same vehicles as Entities, or nothing (the page's own memory). */
  readonly sink: 'ours' | 'entities' | 'none';
  /** false: every frame repeats the same positions. */
  readonly moving: boolean;
  /** Our layer without its distance scaling: every symbol full size, as the Entities draw them. */
  readonly fullSize: boolean;
  readonly count: number;
  /** 0: a frame every second until closed; otherwise that many frames, then none. */
  readonly frames: number;
}

/** What the page shows the benchmark as `window.__bench`. */
export interface BenchPageState {
  ready: boolean;
  /** Frames rendered (scene.postRender). */
  frames: number;
  /** Vehicle frames applied. */
  applied: number;
  /** Main-thread time of the first frame's apply (creates every vehicle), ms. Our layer decodes and indexes in a worker: its time is handing the frame over plus drawing the worker's result. */
  firstApplyMs?: number;
  /** Main-thread time of each later frame's apply, ms (the Entities' includes decoding). */
  applyMs: number[];
  /** Our layer's preRender work, per rendered frame, ms. */
  layerMs: number[];
  vehicles: number;
}
