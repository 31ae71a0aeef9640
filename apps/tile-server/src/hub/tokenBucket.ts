/**
 * A token bucket: `capacity` tokens, refilled at `perSecond`; each message takes its cost. Lets
 * a client burst (a subscribe right after connecting) but not sustain more than its rate.
 */
export class TokenBucket {
  readonly #capacity: number;
  readonly #perMs: number;
  readonly #now: () => number;
  #tokens: number;
  #at: number;

  constructor(capacity: number, perSecond: number, now: () => number) {
    this.#capacity = capacity;
    this.#perMs = perSecond / 1000;
    this.#now = now;
    this.#tokens = capacity;
    this.#at = now();
  }

  /** Takes `cost` tokens if there are that many; false (and nothing taken) if not. */
  take(cost = 1): boolean {
    const now = this.#now();
    this.#tokens = Math.min(this.#capacity, this.#tokens + (now - this.#at) * this.#perMs);
    this.#at = now;
    if (this.#tokens < cost) return false;
    this.#tokens -= cost;
    return true;
  }
}
