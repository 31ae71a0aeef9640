import { createIdleTimer } from './idleTimer.js';

/**
 * Where the kiosk is: at its start view waiting, touring, with a visitor, or flying back to the
 * start after the visitor left.
 */
export type KioskPhase = 'home' | 'touring' | 'interactive' | 'returning';

export interface AttractControllerOptions {
  /** How long without a touch before the kiosk goes back to the start, and then before the tour. */
  readonly idleMs: number;
  /** Resets what a visitor changed and flies to the start view; resolves on arrival. */
  goHome(): Promise<unknown>;
  startTour(): void;
  /** Stops the tour and any flight, leaving the camera where it is. */
  stopTour(): void;
  onPhase(phase: KioskPhase): void;
}

export interface AttractController {
  /** A visitor touched the screen (or typed, or scrolled). */
  input(): void;
  /** A visitor asked for the tour: it plays until the next touch, as if the kiosk were idle. */
  tour(): void;
  readonly phase: KioskPhase;
  dispose(): void;
}

/**
 * The kiosk's rhythm: it starts at its start view; left alone for `idleMs` it plays the attract
 * tour; a touch stops the tour and hands the visitor the camera; `idleMs` after the last touch it
 * resets and flies back to the start, and after `idleMs` more the tour begins again.
 */
export function createAttractController(options: AttractControllerOptions): AttractController {
  let phase: KioskPhase = 'home';
  let disposed = false;
  const enter = (next: KioskPhase): void => {
    if (phase === next) return;
    phase = next;
    options.onPhase(next);
  };

  const onIdle = (): void => {
    if (phase === 'home') {
      enter('touring');
      options.startTour();
    } else if (phase === 'interactive') {
      enter('returning');
      void options.goHome().then(() => {
        if (disposed || phase !== 'returning') return;
        enter('home');
        timer.poke();
      });
    }
  };
  const timer = createIdleTimer(options.idleMs, onIdle);

  return {
    input() {
      if (disposed) return;
      if (phase === 'touring' || phase === 'returning') options.stopTour();
      enter('interactive');
      timer.poke();
    },
    tour() {
      if (disposed) return;
      timer.cancel();
      enter('touring');
      options.startTour();
    },
    get phase() {
      return phase;
    },
    dispose() {
      disposed = true;
      timer.dispose();
    },
  };
}
