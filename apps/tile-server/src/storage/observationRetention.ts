import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { LiveRepository } from './liveRepository.js';

export interface ObservationRetentionOptions {
  readonly repository: Pick<LiveRepository, 'downsampleObservations'>;
  readonly now: () => number;
  /** OBSERVATION_RAW_HOURS: how long raw observations are kept. */
  readonly rawRetentionMs: number;
  /** OBSERVATION_ROLLUP_MINUTES: the bucket length of the rollups that replace them. */
  readonly bucketMs: number;
  /** Time between passes. */
  readonly intervalMs: number;
  readonly logger: Logger;
  readonly registry: Registry;
}

export interface ObservationRetention {
  /** One pass now (or the one already running); resolves with how many raw rows were rolled up. */
  runOnce(): Promise<number>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

/**
 * Keeps raw observation history to its window: a pass at start and then every `intervalMs`
 * rolls older raw rows into rollups. Passes never overlap; a failed pass is logged and counted,
 * and the next one tries again (a pass is one transaction, so a failure leaves nothing half done).
 */
export function startObservationRetention(options: ObservationRetentionOptions): ObservationRetention {
  const { repository, now, rawRetentionMs, bucketMs, logger } = options;
  const rolledUp = new Counter({ name: 'live_observations_rolled_up_total', help: 'Raw observations rolled up into rollups and deleted', registers: [options.registry] });
  const failures = new Counter({ name: 'live_observation_retention_failures_total', help: 'Retention passes that failed', registers: [options.registry] });
  let running: Promise<number> | undefined;

  const pass = async (): Promise<number> => {
    try {
      // On a bucket boundary, so that a bucket is normally rolled up whole, in one pass.
      const beforeMs = Math.floor((now() - rawRetentionMs) / bucketMs) * bucketMs;
      const count = await repository.downsampleObservations(beforeMs, bucketMs);
      rolledUp.inc(count);
      if (count > 0) logger.info({ rolledUp: count, beforeMs, bucketMs }, 'raw observations rolled up');
      return count;
    } finally {
      running = undefined;
    }
  };
  const runOnce = () => (running ??= pass());
  const inBackground = () =>
    void runOnce().catch((error: unknown) => {
      failures.inc();
      logger.error({ err: error }, 'observation retention pass failed');
    });

  const timer = setInterval(inBackground, options.intervalMs);
  timer.unref();
  inBackground();
  return {
    runOnce,
    stop: async () => {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
