import type { LifecyclePhase, ReadinessCheck, ReadinessResponse } from '@pengcheng/protocol';

/** Reports on one dependency; must be cheap, it runs on every /readyz. */
export type ReadinessProbe = () => ReadinessCheck;

/**
 * Where the process is in its life (starting → ready → draining) and what it depends on.
 * `/readyz` is 200 only when the phase is `ready` and every registered probe is ok.
 */
export class Lifecycle {
  #phase: LifecyclePhase = 'starting';
  readonly #probes = new Map<string, ReadinessProbe>();

  get phase(): LifecyclePhase {
    return this.#phase;
  }

  markReady(): void {
    // A draining process never becomes ready again.
    if (this.#phase === 'starting') this.#phase = 'ready';
  }

  startDraining(): void {
    this.#phase = 'draining';
  }

  addProbe(name: string, probe: ReadinessProbe): void {
    this.#probes.set(name, probe);
  }

  report(): ReadinessResponse {
    const checks = [...this.#probes.values()].map((probe) => probe());
    const ready = this.#phase === 'ready' && checks.every((check) => check.ok);
    return { status: this.#phase, ready, checks };
  }
}
