import { Counter, Gauge, type Registry } from 'prom-client';

export interface SimulatorMetrics {
  readonly observations: Counter<'kind'>;
  readonly dropped: Counter;
  readonly vehicles: Gauge;
  readonly hotlineReports: Counter;
  readonly scenarios: Counter<'scenario'>;
}

export function createSimulatorMetrics(registry: Registry): SimulatorMetrics {
  const registers = [registry];
  return {
    observations: new Counter({ name: 'simulator_observations_total', help: 'Observations the simulator produced, by sensor kind.', labelNames: ['kind'], registers }),
    dropped: new Counter({ name: 'simulator_observations_dropped_total', help: 'Observation batches dropped because the sink had too many still in flight.', registers }),
    vehicles: new Gauge({ name: 'simulator_vehicles', help: 'Vehicles on the simulated roads.', registers }),
    hotlineReports: new Counter({ name: 'simulator_hotline_reports_total', help: 'Simulated citizen hotline reports.', registers }),
    scenarios: new Counter({ name: 'simulator_scenarios_started_total', help: 'Drills started, by scenario.', labelNames: ['scenario'], registers }),
  };
}
