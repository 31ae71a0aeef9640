import type { Incident, ObservationHistoryResponse, ScenarioRun, SimulatorStatus, StartScenarioRequest, TransitionIncidentRequest, UpdateIncidentRequest } from '@pengcheng/protocol';

/** A refused or failed request, with the server's code (`forbidden`, `stale_version`, `unauthorized`, …) and its message. */
export class LiveActionError extends Error {
  override readonly name = 'LiveActionError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** What the live components may ask of the server; the app implements it with the screen's token. */
export interface LiveActions {
  /** Desk: logs in and connects to the hub with the user's token; rejects with a LiveActionError. */
  login(username: string, password: string): Promise<void>;
  /** Desk: forgets the user's token and leaves the hub. */
  logout(): void;
  /** Operators: acknowledges an alarm; the change reaches every screen through the hub. */
  acknowledgeAlarm(alarmId: string): Promise<void>;
  /** A sensor's recorded values from `fromMs` to `toMs` (raw, and rollups where raw has expired). */
  sensorHistory(sensorId: string, fromMs: number, toMs: number, signal?: AbortSignal): Promise<ObservationHistoryResponse>;
  /**
   * Operators: moves an incident along the closed loop (dispatch, start, resolve, close, reopen)
   * from the version they read; a refusal (`illegal_transition`, `stale_version`, `forbidden`)
   * says why. The new state reaches every screen through the hub.
   */
  transitionIncident(incidentId: string, request: TransitionIncidentRequest): Promise<Incident>;
  /** Operators: assigns, re-rates or notes an incident (not its state), from the version they read. */
  updateIncident(incidentId: string, request: UpdateIncidentRequest): Promise<Incident>;
  /** The simulator's state and its drills (running, finished). */
  simulatorStatus(signal?: AbortSignal): Promise<SimulatorStatus>;
  /** Operators: starts a drill (rainstorm, gas leak, main burst); every screen sees it unfold. */
  startDrill(request: StartScenarioRequest): Promise<ScenarioRun>;
  /** Operators: stops a running drill. */
  cancelDrill(runId: string): Promise<ScenarioRun>;
}
