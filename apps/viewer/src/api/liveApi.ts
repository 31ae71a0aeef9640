import {
  Alarm,
  Incident,
  LoginResponse,
  ObservationHistoryResponse,
  ScenarioRun,
  SensorListResponse,
  SimulatorStatus,
  WhoAmIResponse,
  type Sensor,
  type StartScenarioRequest,
  type TransitionIncidentRequest,
  type UpdateIncidentRequest,
} from '@pengcheng/protocol';
import { requestJson } from './apiError.js';

// The live-data endpoints a screen uses, each with the screen's token.

export function login(username: string, password: string, signal?: AbortSignal): Promise<LoginResponse> {
  return requestJson('/api/v1/auth/login', LoginResponse, { method: 'POST', body: JSON.stringify({ username, password }), signal: signal ?? null });
}

export function whoAmI(token: string, signal?: AbortSignal): Promise<WhoAmIResponse> {
  return requestJson('/api/v1/auth/me', WhoAmIResponse, { token, signal: signal ?? null });
}

export async function fetchSensors(token: string, signal?: AbortSignal): Promise<readonly Sensor[]> {
  return (await requestJson('/api/v1/sensors', SensorListResponse, { token, signal: signal ?? null })).sensors;
}

export function fetchSensorHistory(token: string, sensorId: string, fromMs: number, toMs: number, signal?: AbortSignal): Promise<ObservationHistoryResponse> {
  const query = new URLSearchParams({ from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() });
  return requestJson(`/api/v1/sensors/${encodeURIComponent(sensorId)}/observations?${query.toString()}`, ObservationHistoryResponse, { token, signal: signal ?? null });
}

export function acknowledgeAlarm(token: string, alarmId: string): Promise<Alarm> {
  return requestJson(`/api/v1/alarms/${encodeURIComponent(alarmId)}/acknowledge`, Alarm, { method: 'POST', token, body: '{}' });
}

export function transitionIncident(token: string, incidentId: string, request: TransitionIncidentRequest): Promise<Incident> {
  return requestJson(`/api/v1/incidents/${encodeURIComponent(incidentId)}/transitions`, Incident, { method: 'POST', token, body: JSON.stringify(request) });
}

export function updateIncident(token: string, incidentId: string, request: UpdateIncidentRequest): Promise<Incident> {
  return requestJson(`/api/v1/incidents/${encodeURIComponent(incidentId)}`, Incident, { method: 'PATCH', token, body: JSON.stringify(request) });
}

export function fetchSimulatorStatus(token: string, signal?: AbortSignal): Promise<SimulatorStatus> {
  return requestJson('/api/v1/simulator', SimulatorStatus, { token, signal: signal ?? null });
}

export function startScenario(token: string, request: StartScenarioRequest): Promise<ScenarioRun> {
  return requestJson('/api/v1/simulator/scenarios', ScenarioRun, { method: 'POST', token, body: JSON.stringify(request) });
}

export function cancelScenario(token: string, runId: string): Promise<ScenarioRun> {
  return requestJson(`/api/v1/simulator/scenarios/${encodeURIComponent(runId)}`, ScenarioRun, { method: 'DELETE', token });
}
