import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stdout, one object a line, for whatever collects them. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'pengcheng-tile-server' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}
