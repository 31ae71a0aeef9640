import type { SceneContext, ScenePlugin } from '../sceneContext.js';
import { flyToOrbit, setOrbit } from './cameraFlight.js';
import type { TourStop } from './tourStops.js';

export interface TourProgress {
  readonly index: number;
  readonly stop: TourStop;
  readonly phase: 'flying' | 'dwelling';
}

export interface AttractTourOptions {
  /** Seconds of each flight between stops. [default: 6] */
  readonly flightS?: number;
  /** Seconds at each stop, slowly circling it. [default: 8] */
  readonly dwellS?: number;
  /** Degrees per second of the circling at a stop. [default: 3] */
  readonly orbitDegPerS?: number;
  readonly onProgress?: (progress: TourProgress | undefined) => void;
}

export interface AttractTour extends ScenePlugin {
  /** Starts (or restarts) the tour at stop `fromIndex`, looping for as long as it is not stopped. */
  start(stops: readonly TourStop[], fromIndex?: number): void;
  /** Stops where the camera is; a flight under way is cancelled. */
  stop(): void;
  /** Flies to one view, stopping the tour first; resolves true on arrival. */
  flyTo(view: TourStop['view'], durationS?: number): Promise<boolean>;
  readonly running: boolean;
}

/**
 * The kiosk's attract tour: flights from place to place, circling each for a while, round and
 * round. Draws continuously while it runs (it is the only thing moving on an idle kiosk) and
 * nothing once stopped.
 */
export function createAttractTour(context: SceneContext, options: AttractTourOptions = {}): AttractTour {
  const { scene } = context;
  const flightS = options.flightS ?? 6;
  const dwellS = options.dwellS ?? 8;
  const orbitDegPerS = options.orbitDegPerS ?? 3;
  // Each start() gets a new run number; a run that is no longer current stops at its next step.
  let run = 0;
  let running = false;
  let dwellTimer: ReturnType<typeof setTimeout> | undefined;
  let removeOrbit: (() => void) | undefined;

  const endDwell = (): void => {
    clearTimeout(dwellTimer);
    dwellTimer = undefined;
    removeOrbit?.();
    removeOrbit = undefined;
  };

  const halt = (): void => {
    run++;
    endDwell();
    // Also ends a single flyTo flight: whoever halts the tour takes the camera.
    if (!scene.isDestroyed()) scene.camera.cancelFlight();
    if (running) {
      running = false;
      options.onProgress?.(undefined);
    }
  };

  const dwell = (stop: TourStop): Promise<void> =>
    new Promise((resolve) => {
      const started = performance.now();
      removeOrbit = scene.preUpdate.addEventListener(() => {
        setOrbit(scene.camera, stop.view, ((performance.now() - started) / 1000) * orbitDegPerS);
        scene.requestRender();
      });
      dwellTimer = setTimeout(() => {
        endDwell();
        resolve();
      }, dwellS * 1000);
    });

  const visit = async (mine: number, stops: readonly TourStop[], index: number): Promise<void> => {
    for (let i = index; mine === run; i = (i + 1) % stops.length) {
      const stop = stops[i] as TourStop;
      options.onProgress?.({ index: i, stop, phase: 'flying' });
      const arrived = await flyToOrbit(scene.camera, stop.view, flightS);
      if (!arrived || mine !== run) return;
      options.onProgress?.({ index: i, stop, phase: 'dwelling' });
      await dwell(stop);
    }
  };

  return {
    start(stops, fromIndex = 0) {
      halt();
      if (stops.length === 0) return;
      running = true;
      void visit(run, stops, ((fromIndex % stops.length) + stops.length) % stops.length);
    },
    stop: halt,
    async flyTo(view, durationS = 3) {
      halt();
      return flyToOrbit(scene.camera, view, durationS);
    },
    get running() {
      return running;
    },
    dispose: halt,
  };
}
