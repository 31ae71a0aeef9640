/**
 * Raised by `createAlarm` (and an update that would reopen an alarm) when the sensor quantity
 * already has an alarm that is not cleared. A unique index decides, so two server nodes
 * evaluating the same breach cannot both raise it: the loser gets this error.
 */
export class DuplicateActiveAlarmError extends Error {
  override readonly name = 'DuplicateActiveAlarmError';

  constructor(
    readonly sensorId: string,
    readonly quantity: string,
  ) {
    super(`sensor ${sensorId} already has an uncleared alarm on ${quantity}`);
  }
}

/**
 * A stored row that does not read back as a valid record (bad JSON, a schema violation):
 * an error rather than silently wrong data on a wall or in a report.
 */
export class CorruptRecordError extends Error {
  override readonly name = 'CorruptRecordError';

  constructor(
    readonly table: string,
    readonly key: string,
    reason: string,
  ) {
    super(`stored ${table} row ${key} is corrupt: ${reason}`);
  }
}

/** The database was migrated by a newer server than this one: refusing to run on it. */
export class SchemaTooNewError extends Error {
  override readonly name = 'SchemaTooNewError';

  constructor(
    readonly storedVersion: number,
    readonly knownVersion: number,
  ) {
    super(`the database schema is at version ${storedVersion}, newer than this server's ${knownVersion}: upgrade the server`);
  }
}
