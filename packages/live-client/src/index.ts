export { createLiveClient, LiveClientError, type LiveClient, type LiveEvent, type LiveClientOptions, type LiveConnectionState, type LiveSubscription } from './createLiveClient.js';
export { LatestVehicleFrame } from './state/latestVehicleFrame.js';
export { LiveState, type LiveView } from './state/liveState.js';
export { ReliableStream, type ApplyOutcome, type StreamChange, type Versioned } from './state/reliableStream.js';
