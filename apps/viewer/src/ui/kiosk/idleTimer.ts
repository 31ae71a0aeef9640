export interface IdleTimer {
  /** Someone is here: the idle time starts over. */
  poke(): void;
  /** No timeout until the next poke. */
  cancel(): void;
  dispose(): void;
}

/** Calls `onIdle` once `timeoutMs` have passed since the last poke (counting from creation). */
export function createIdleTimer(timeoutMs: number, onIdle: () => void): IdleTimer {
  if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be a positive number');
  let timer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  const cancel = (): void => {
    clearTimeout(timer);
    timer = undefined;
  };
  const poke = (): void => {
    if (disposed) return;
    cancel();
    timer = setTimeout(() => {
      timer = undefined;
      onIdle();
    }, timeoutMs);
  };
  poke();
  return {
    poke,
    cancel,
    dispose() {
      disposed = true;
      cancel();
    },
  };
}
