import { LRUCache } from 'lru-cache';

export interface LoginLimiterOptions {
  /** Failed logins allowed in one window before further attempts are refused. */
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly now?: () => number;
  /** Keys remembered at most; the least recently failing are forgotten first. */
  readonly maxKeys?: number;
}

interface Window {
  readonly startMs: number;
  failures: number;
}

/**
 * Counts failed logins per key (a client address, a user name) in fixed windows: after
 * `maxFailures` in one window, attempts are refused until the window ends.
 */
export class LoginLimiter {
  private readonly windows: LRUCache<string, Window>;
  private readonly now: () => number;

  constructor(private readonly options: LoginLimiterOptions) {
    this.now = options.now ?? Date.now;
    this.windows = new LRUCache({ max: options.maxKeys ?? 10_000 });
  }

  private current(key: string): Window | undefined {
    const window = this.windows.get(key);
    if (window && this.now() - window.startMs >= this.options.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  /** Milliseconds until `key` may try again; 0 when it may now. */
  retryAfterMs(key: string): number {
    const window = this.current(key);
    if (!window || window.failures < this.options.maxFailures) return 0;
    return window.startMs + this.options.windowMs - this.now();
  }

  recordFailure(key: string): void {
    const window = this.current(key);
    if (window) window.failures += 1;
    else this.windows.set(key, { startMs: this.now(), failures: 1 });
  }

  reset(key: string): void {
    this.windows.delete(key);
  }
}
