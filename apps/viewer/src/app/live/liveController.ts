import { ApiError } from '../../api/apiError.js';
import { acknowledgeAlarm, cancelScenario, fetchSensorHistory, fetchSimulatorStatus, login, startScenario, transitionIncident, updateIncident } from '../../api/liveApi.js';
import { INITIAL_LIVE } from '../../state/liveSlice.js';
import type { ViewerStore } from '../../state/viewerStore.js';
import { LiveActionError, type LiveActions } from '../../ui/live/liveActions.js';
import type { Mode } from '../../ui/layouts/modeSettings.js';
import { clearUserSession, forgetDeviceToken, readUserSession, saveUserSession, takeDeviceToken, type Credentials } from './liveCredentials.js';
import { startLiveSession, type LiveSession } from './liveSession.js';
import type { LiveSource } from './liveSource.js';
import { feedStore, type StoreFeed } from './feedStore.js';
import { createReplayController } from './replay/replayController.js';
import type { ReplayControls } from '../../ui/replay/replayControls.js';

export interface LiveController {
  readonly actions: LiveActions;
  /** The time slider's controls: replay of the last 24 hours, and back to live. */
  readonly replay: ReplayControls;
  /** The current session (none while logged out). */
  readonly session: LiveSession | undefined;
  /** What the scene's live layers read now: the hub's client, the replay player, or nothing. */
  readonly source: LiveSource | undefined;
  /** Called with every change of source, and at once with the current one. */
  onSource(listener: (source: LiveSource | undefined) => void): () => void;
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
  const listeners = new Set<(source: LiveSource | undefined) => void>();
  let session: LiveSession | undefined;
  let source: LiveSource | undefined;
  let stopSessionClient: (() => void) | undefined;
  let replayFeed: StoreFeed | undefined;
  let stopReplayTime: (() => void) | undefined;

  const setSource = (next: LiveSource | undefined) => {
    source = next;
    for (const listener of listeners) listener(source);
  };

  const replay = createReplayController({
    token: () => session?.credentials.token,
    onStart(player) {
      replayFeed?.dispose();
      stopReplayTime?.();
      session?.setMuted(true);
      store.getState().setLive({ connection: 'replay', refusal: undefined, replayTimeMs: player.timeMs });
      replayFeed = feedStore(store, player);
      stopReplayTime = player.onTime(() => store.getState().setLive({ replayTimeMs: player.timeMs }));
      setSource(player);
    },
    onStop() {
      endReplay();
      setSource(session?.client);
    },
  });

  const endReplay = () => {
    replayFeed?.dispose();
    replayFeed = undefined;
    stopReplayTime?.();
    stopReplayTime = undefined;
    store.getState().setLive({ replayTimeMs: undefined });
    session?.setMuted(false);
  };

  const setSession = (credentials: Credentials | undefined) => {
    if (replayFeed) {
      replay.backToLive();
    }
    stopSessionClient?.();
    stopSessionClient = undefined;
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
      stopSessionClient = session.onClient((client) => {
        if (!replayFeed) setSource(client);
      });
    }
    setSource(session?.client);
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
    replay,
    get session() {
      return session;
    },
    get source() {
      return source;
    },
    onSource(listener) {
      listeners.add(listener);
      listener(source);
      return () => listeners.delete(listener);
    },
    dispose() {
      replay.backToLive();
      listeners.clear();
      stopSessionClient?.();
      session?.dispose();
      session = undefined;
    },
  };
}
