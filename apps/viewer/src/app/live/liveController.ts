import { ApiError } from '../../api/apiError.js';
import { acknowledgeAlarm, cancelScenario, fetchSensorHistory, fetchSimulatorStatus, login, startScenario, transitionIncident, updateIncident } from '../../api/liveApi.js';
import { INITIAL_LIVE } from '../../state/liveSlice.js';
import type { ViewerStore } from '../../state/viewerStore.js';
import { LiveActionError, type LiveActions } from '../../ui/live/liveActions.js';
import type { Mode } from '../../ui/layouts/modeSettings.js';
import { clearUserSession, forgetDeviceToken, readUserSession, saveUserSession, takeDeviceToken, type Credentials } from './liveCredentials.js';
import { startLiveSession, type LiveSession } from './liveSession.js';

export interface LiveController {
  readonly actions: LiveActions;
  /** The current session (none while logged out); the scene's layers follow it. */
  readonly session: LiveSession | undefined;
  onSession(listener: (session: LiveSession | undefined) => void): () => void;
  dispose(): void;
}

const asActionError = (error: unknown): LiveActionError =>
  error instanceof ApiError ? new LiveActionError(error.code, error.message) : new LiveActionError('failed', error instanceof Error ? error.message : String(error));

/**
 * Which token each screen uses and what it may ask: a wall or kiosk its device token (handed
 * over once in the link), a desk the login of its user. Without a token the scene runs on its
 * own and the live slice says `offline`.
 */
export function startLiveController(store: ViewerStore, mode: Mode, browser: { location: Location; history: History; localStorage: Storage; sessionStorage: Storage } = window): LiveController {
  const listeners = new Set<(session: LiveSession | undefined) => void>();
  let session: LiveSession | undefined;

  const setSession = (credentials: Credentials | undefined) => {
    session?.dispose();
    session = undefined;
    store.getState().setLive({ ...INITIAL_LIVE, ...(credentials ? {} : { connection: 'offline' }) });
    if (credentials) {
      session = startLiveSession({
        store,
        credentials,
        onUnauthorized: () => {
          // An expired login asks for a new one; a revoked device token has to be handed over again.
          if (credentials.kind === 'user') clearUserSession(browser.sessionStorage);
          else forgetDeviceToken(browser.localStorage);
        },
      });
    }
    for (const listener of listeners) listener(session);
  };

  /** Runs a request with the session's token; refusals become LiveActionErrors, an abort stays an abort. */
  const withToken = async <T>(request: (token: string) => Promise<T>): Promise<T> => {
    if (!session) throw new LiveActionError('unauthenticated', 'Log in first.');
    try {
      return await request(session.credentials.token);
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') throw error;
      throw asActionError(error);
    }
  };

  const initial = (): Credentials | undefined => {
    if (mode === 'desk') {
      const user = readUserSession(browser.sessionStorage, Date.now());
      return user ? { token: user.token, kind: 'user' } : undefined;
    }
    const device = takeDeviceToken(browser.location, browser.history, browser.localStorage);
    return device ? { token: device, kind: 'device' } : undefined;
  };
  setSession(initial());

  const actions: LiveActions = {
    async login(username, password) {
      try {
        const answer = await login(username, password);
        saveUserSession(browser.sessionStorage, answer);
        setSession({ token: answer.token, kind: 'user' });
      } catch (error) {
        throw asActionError(error);
      }
    },
    logout() {
      clearUserSession(browser.sessionStorage);
      setSession(undefined);
    },
    acknowledgeAlarm: (alarmId) => withToken((token) => acknowledgeAlarm(token, alarmId)).then(() => undefined),
    sensorHistory: (sensorId, fromMs, toMs, signal) => withToken((token) => fetchSensorHistory(token, sensorId, fromMs, toMs, signal)),
    transitionIncident: (incidentId, request) => withToken((token) => transitionIncident(token, incidentId, request)),
    updateIncident: (incidentId, request) => withToken((token) => updateIncident(token, incidentId, request)),
    simulatorStatus: (signal) => withToken((token) => fetchSimulatorStatus(token, signal)),
    startDrill: (request) => withToken((token) => startScenario(token, request)),
    cancelDrill: (runId) => withToken((token) => cancelScenario(token, runId)),
  };

  return {
    actions,
    get session() {
      return session;
    },
    onSession(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    dispose() {
      listeners.clear();
      session?.dispose();
      session = undefined;
    },
  };
}
