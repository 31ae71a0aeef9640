import { ReplayWindow } from '@pengcheng/protocol';
import { requestJson } from './apiError.js';

/** `GET /api/v1/replay`: the state at `fromMs` and the events up to `toMs` (at most 15 min later), checked against the protocol. */
export function fetchReplayWindow(token: string, fromMs: number, toMs: number, signal?: AbortSignal): Promise<ReplayWindow> {
  const query = new URLSearchParams({ from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() });
  return requestJson(`/api/v1/replay?${query.toString()}`, ReplayWindow, { token, signal: signal ?? null });
}
