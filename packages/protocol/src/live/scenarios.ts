import { z } from 'zod';

/** Drills the simulator can play (事前演练): each unfolds over simulated minutes. */
export const ScenarioId = z.enum(['rainstorm', 'gas_leak', 'water_main_burst']);
export type ScenarioId = z.infer<typeof ScenarioId>;

/** `POST /api/v1/simulator/scenarios`. */
export const StartScenarioRequest = z.object({
  scenario: ScenarioId,
  /** Where it starts (an asset id); the simulator picks a fitting one when absent. */
  assetId: z.string().max(64).optional(),
});
export type StartScenarioRequest = z.infer<typeof StartScenarioRequest>;

export const ScenarioRun = z.object({
  runId: z.string(),
  scenario: ScenarioId,
  assetId: z.string(),
  startedAtMs: z.number().int(),
  /** Simulated time at which it ends. */
  endsAtMs: z.number().int(),
  state: z.enum(['running', 'finished', 'cancelled']),
});
export type ScenarioRun = z.infer<typeof ScenarioRun>;

/** `GET /api/v1/simulator`. */
export const SimulatorStatus = z.object({
  running: z.boolean(),
  seed: z.number().int(),
  /** Simulated seconds per real second. */
  speed: z.number().positive(),
  simTimeMs: z.number().int(),
  sensors: z.number().int(),
  vehicles: z.number().int(),
  transport: z.enum(['in-process', 'mqtt']),
  scenarios: z.array(ScenarioRun),
});
export type SimulatorStatus = z.infer<typeof SimulatorStatus>;
