import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeviceTokenVerifier } from './deviceTokens.js';
import { DEVICE_TOKENS_FILE_NAME, openDeviceTokens } from './deviceTokensFile.js';

describe('openDeviceTokens', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'devices-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('makes a wall and a kiosk on the first start, readable by the owner only, and the same ones on the next', async () => {
    const first = await openDeviceTokens({ deviceTokens: undefined, dataDir });
    expect(first.created.map((d) => [d.name, d.role])).toEqual([
      ['wall', 'viewer'],
      ['kiosk', 'kiosk'],
    ]);
    expect((await stat(path.join(dataDir, DEVICE_TOKENS_FILE_NAME))).mode & 0o077).toBe(0);
    const second = await openDeviceTokens({ deviceTokens: undefined, dataDir });
    expect(second.created).toEqual([]);
    expect(second.devices).toEqual(first.devices);
    const verifier = createDeviceTokenVerifier(second.devices);
    expect(await verifier.verify(first.created[0]?.token ?? '')).toEqual({ subject: 'wall', role: 'viewer', kind: 'device' });
  });

  it('uses DEVICE_TOKENS when it is set, and makes no file', async () => {
    const token = 'k'.repeat(30);
    const opened = await openDeviceTokens({ deviceTokens: `lobby:kiosk:${token}`, dataDir });
    expect(opened.devices).toEqual([{ name: 'lobby', role: 'kiosk', token }]);
    await expect(readFile(path.join(dataDir, DEVICE_TOKENS_FILE_NAME))).rejects.toThrow();
  });

  it('names the file and the problem when it is broken, never a token', async () => {
    await writeFile(path.join(dataDir, DEVICE_TOKENS_FILE_NAME), '{"devices": [{"name": "wall", "role": "admin", "token": "secret-secret-secret-secret"}]}');
    const failure = openDeviceTokens({ deviceTokens: undefined, dataDir });
    await expect(failure).rejects.toThrow(/role must be one of/);
    await expect(failure).rejects.not.toThrow(/secret-secret/);
    await writeFile(path.join(dataDir, DEVICE_TOKENS_FILE_NAME), 'not json');
    await expect(openDeviceTokens({ deviceTokens: undefined, dataDir })).rejects.toThrow(new RegExp(DEVICE_TOKENS_FILE_NAME));
  });
});
