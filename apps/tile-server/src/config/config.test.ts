import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const CWD = '/srv/pengcheng';

function errorOf(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env, CWD);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('needs no variable at all: safe defaults', () => {
    const config = loadConfig({}, CWD);
    expect(config.port).toBe(8080);
    expect(config.host).toBe('0.0.0.0');
    expect(config.dataDir).toBe(path.join(CWD, 'data'));
    expect(config.logLevel).toBe('info');
    expect(config.shutdownTimeoutMs).toBeGreaterThan(config.shutdownDrainMs);
    expect(path.isAbsolute(config.viewerDir)).toBe(true);
  });

  it('reads the live hub settings: one node without REDIS_URL, safe limits by default', () => {
    const hub = loadConfig({}, CWD).live.hub;
    expect(hub.redisUrl).toBeUndefined();
    expect(hub.maxMessageBytes).toBe(16 * 1024);
    expect(hub.trafficTickMs).toBe(200);
    expect(loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379', HUB_MAX_MESSAGE_KB: '4' }, CWD).live.hub).toMatchObject({ redisUrl: 'redis://127.0.0.1:6379', maxMessageBytes: 4096 });
    expect(errorOf({ REDIS_URL: 'http://127.0.0.1:6379' }).message).toContain('REDIS_URL');
    expect(errorOf({ HUB_RATE_PER_S: '0' }).message).toContain('HUB_RATE_PER_S');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', HOST: '' }, CWD).port).toBe(8080);
  });

  it('stops PORT=abc with one line naming the variable and the value', () => {
    const error = errorOf({ PORT: 'abc' });
    expect(error.message).toContain('PORT');
    expect(error.message).toContain('"abc"');
    expect(error.message).not.toContain('\n');
  });

  it('accepts every port from 0 to 65535, written as digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 65535 }), (port) => {
        expect(loadConfig({ PORT: String(port) }, CWD).port).toBe(port);
      }),
    );
  });

  it('refuses any PORT that is not an integer in range, always in one line', () => {
    const notAPort = fc.oneof(
      fc.string().filter((s) => !/^\s*\d+\s*$/.test(s) && s.trim() !== '' ),
      fc.integer({ min: 65536, max: Number.MAX_SAFE_INTEGER }).map(String),
      fc.double({ noNaN: true, noInteger: true }).map(String),
    );
    fc.assert(
      fc.property(notAPort, (value) => {
        const error = errorOf({ PORT: value });
        expect(error.message).toMatch(/^invalid configuration: PORT /);
        expect(error.message).not.toMatch(/[\r\n]/);
      }),
    );
  });

  it('refuses an unknown log level and a drain longer than the shutdown deadline', () => {
    expect(errorOf({ LOG_LEVEL: 'loud' }).message).toContain('LOG_LEVEL');
    expect(errorOf({ SHUTDOWN_DRAIN_MS: '5000', SHUTDOWN_TIMEOUT_MS: '1000' }).message).toContain(
      'SHUTDOWN_DRAIN_MS must be less than SHUTDOWN_TIMEOUT_MS',
    );
  });

  it('resolves relative folders against the working directory', () => {
    const config = loadConfig({ DATA_DIR: 'var/live', VIEWER_DIR: '/opt/viewer' }, CWD);
    expect(config.dataDir).toBe(path.join(CWD, 'var/live'));
    expect(config.viewerDir).toBe('/opt/viewer');
  });
  it('runs the live data on the embedded default: SQLite, no broker, the simulator on', () => {
    const { live } = loadConfig({}, CWD);
    expect(live.databaseUrl).toBeUndefined();
    expect(live.mqttUrl).toBeUndefined();
    expect(live.ingestApiKeys.size).toBe(0);
    expect(live.simulator).toEqual({ enabled: true, seed: 320300, speed: 1, vehiclesPeak: 3000 });
    expect(live.sensorsFile).toBe(path.join(live.districtDir, 'sensors.json'));
    expect(path.isAbsolute(live.responsibilityListFile)).toBe(true);
  });

  it('reads ingest keys as source:key pairs and refuses short keys, bad URLs and a repeated source', () => {
    const key = 'k'.repeat(24);
    const { live } = loadConfig({ INGEST_API_KEYS: `gateway-1:${key}, ngsi:${key}x`, SIM: 'off', SIM_SPEED: '60' }, CWD);
    expect([...live.ingestApiKeys]).toEqual([['gateway-1', key], ['ngsi', `${key}x`]]);
    expect(live.simulator.enabled).toBe(false);
    expect(live.simulator.speed).toBe(60);
    expect(errorOf({ INGEST_API_KEYS: 'gateway:short' }).message).toContain('INGEST_API_KEYS');
    expect(errorOf({ INGEST_API_KEYS: `a:${key},a:${key}y` }).message).toContain('"a" twice');
    expect(errorOf({ DATABASE_URL: 'mysql://localhost/x' }).message).toContain('DATABASE_URL');
    expect(errorOf({ MQTT_URL: 'localhost:1883' }).message).toContain('MQTT_URL');
    expect(errorOf({ SIM: 'yes' }).message).toContain('SIM must be on or off');
    expect(errorOf({ SIM_SPEED: '0' }).message).toContain('SIM_SPEED');
    expect(errorOf({ AUTH_SECRET: 'short' }).message).toContain('AUTH_SECRET');
  });
});
