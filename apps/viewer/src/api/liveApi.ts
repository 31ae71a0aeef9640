import { Alarm, LoginResponse, ObservationHistoryResponse, SensorListResponse, WhoAmIResponse, type Sensor } from '@pengcheng/protocol';
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
