import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs on stdout, one object a line, for whatever collects them. Lines are
 * written in batches of a few kilobytes rather than one system call each: at tens of thousands
 * of tile requests a second, per-line writes cost more than serving the tile. The buffer is
 * written out every second, and synchronously when the process exits (`process.exit` included).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const logger = pino(
    {
      level,
      base: { service: 'pengcheng-tile-server' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination ?? pino.destination({ dest: 1, sync: false, minLength: 8192 }),
  );
  // A quiet server still shows each line within a second.
  if (!destination) setInterval(() => logger.flush(), 1000).unref();
  return logger;
}
