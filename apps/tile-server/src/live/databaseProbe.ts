import type { Lifecycle } from '../health/lifecycle.js';
import type { LiveRepository } from '../storage/liveRepository.js';

const INTERVAL_MS = 2000;

/**
 * Keeps `/readyz` honest about the database: readiness probes must answer at once, so the
 * database is pinged in the background and the probe reports the last answer.
 */
export function startDatabaseProbe(repository: Pick<LiveRepository, 'ping' | 'kind'>, lifecycle: Lifecycle): { stop(): void } {
  let ok = true;
  let pinging = false;
  const ping = (): void => {
    if (pinging) return;
    pinging = true;
    repository
      .ping()
      .then(
        (answer) => (ok = answer),
        () => (ok = false),
      )
      .finally(() => (pinging = false));
  };
  const timer = setInterval(ping, INTERVAL_MS);
  timer.unref();
  lifecycle.addProbe('database', () => ({ name: 'database', ok, ...(ok ? {} : { detail: `${repository.kind} does not answer` }) }));
  return { stop: () => clearInterval(timer) };
}
