import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stdout, one object a line, for whatever collects them. Lines are
 * written in batches of a few kilobytes rather than one system call each: at tens of thousands
 * of tile requests a second, per-line writes cost more than serving the tile. pino flushes the
 * buffer synchronously when the process exits, `process.exit` included.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'pengcheng-tile-server' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: false, minLength: 8192 }),
  );
}
