import type { Sensor } from '@pengcheng/protocol';

/** A registered gas sensor on a pipe, with its methane thresholds: the alarms' and incidents' tests link to it. */
export const GAS_SENSOR: Sensor = {
  id: 'SEN-GAS-0001',
  kind: 'gas_concentration',
  name: { zh: '市行政中心东侧燃气监测点', en: 'Gas monitor, civic centre east' },
  position: { lon: 117.2851, lat: 34.2046, height: -1.5 },
  asset: { kind: 'pipe_segment', id: 'PIP-000123' },
  thresholds: [{ quantity: 'ch4', direction: 'above', warning: 10, alarm: 25, hysteresis: 2 }],
  externalIds: [],
  public: false,
};
