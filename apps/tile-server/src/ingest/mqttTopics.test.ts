import { MQTT_SHARED_SUBSCRIPTION, mqttObservationTopic } from '@pengcheng/protocol';
import { describe, expect, it } from 'vitest';
import { observationTopics } from './mqttTopics.js';

describe('MQTT observation topics', () => {
  const topics = observationTopics(MQTT_SHARED_SUBSCRIPTION);

  it('reads the sensor id from the protocol topic', () => {
    expect(topics.sensorIdOf(mqttObservationTopic('AQS-0001'))).toBe('AQS-0001');
  });

  it.each(['pengcheng/v1/sensors/AQS-0001', 'pengcheng/v1/sensors//observations', 'pengcheng/v2/sensors/AQS-0001/observations', 'x/pengcheng/v1/sensors/AQS-0001/observations'])(
    'does not take %s',
    (topic) => {
      expect(topics.sensorIdOf(topic)).toBeUndefined();
    },
  );

  it.each(['$share/g/a/#', '$share/g/a/b', 'a/+/+/c', 'a/x+/c'])('refuses the subscription %s', (subscription) => {
    expect(() => observationTopics(subscription)).toThrow('exactly one +');
  });
});
