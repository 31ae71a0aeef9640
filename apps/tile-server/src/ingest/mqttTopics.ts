export interface ObservationTopics {
  /** What to subscribe to (with its `$share/<group>/` prefix). */
  readonly filter: string;
  /** The sensor id a topic names, or undefined when the topic is not one of ours. */
  sensorIdOf(topic: string): string | undefined;
}

/**
 * The topic scheme of a subscription like `$share/pengcheng-ingest/pengcheng/v1/sensors/+/observations`:
 * exactly one `+` level, which is the sensor id; no `#`.
 */
export function observationTopics(subscription: string): ObservationTopics {
  const topic = subscription.startsWith('$share/') ? subscription.split('/').slice(2).join('/') : subscription;
  const levels = topic.split('/');
  const wildcard = levels.indexOf('+');
  if (wildcard < 0 || levels.lastIndexOf('+') !== wildcard || levels.some((level) => level.includes('#') || (level !== '+' && level.includes('+')))) {
    throw new Error(`the MQTT subscription ${subscription} must have exactly one + level (the sensor id) and no #`);
  }
  return {
    filter: subscription,
    sensorIdOf(actual) {
      const parts = actual.split('/');
      if (parts.length !== levels.length) return undefined;
      const matches = levels.every((level, i) => level === '+' || level === parts[i]);
      return matches && parts[wildcard] !== '' ? parts[wildcard] : undefined;
    },
  };
}
