import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { DeviceTokensError, parseDeviceTokens, type DeviceToken } from './deviceTokens.js';
import { createPrivateFile } from './privateFile.js';

export const DEVICE_TOKENS_FILE_NAME = 'device-tokens.json';

const DeviceTokensFile = z.object({ devices: z.array(z.object({ name: z.string(), role: z.string(), token: z.string() })) });

export interface OpenedDeviceTokens {
  readonly devices: readonly DeviceToken[];
  /** The devices this start made (the embedded default's wall and kiosk); empty unless it made the file. */
  readonly created: readonly DeviceToken[];
}

function parseFile(text: string, file: string): DeviceToken[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DeviceTokensError(`device tokens file ${file} is not JSON`);
  }
  const parsed = DeviceTokensFile.safeParse(json);
  if (!parsed.success) throw new DeviceTokensError(`device tokens file ${file} must be {"devices": [{"name", "role", "token"}]}`);
  // The same checks as the environment variable's, entry by entry.
  return parseDeviceTokens(parsed.data.devices.map(({ name, role, token }) => `${name}:${role}:${token}`).join(','));
}

/**
 * `DEVICE_TOKENS` when set. Otherwise `DATA_DIR/device-tokens.json`, made on the first start with
 * one wall (`viewer`) and one kiosk, so the embedded default's screens have live data without
 * any set-up; like the first users' passwords, their tokens are shown once.
 */
export async function openDeviceTokens({ deviceTokens, dataDir }: { deviceTokens: string | undefined; dataDir: string }): Promise<OpenedDeviceTokens> {
  if (deviceTokens !== undefined) return { devices: parseDeviceTokens(deviceTokens), created: [] };
  const file = path.join(dataDir, DEVICE_TOKENS_FILE_NAME);
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new DeviceTokensError(`device tokens file ${file} cannot be read (${error.code ?? 'error'})`);
  });
  if (existing !== undefined) return { devices: parseFile(existing, file), created: [] };

  const initial: DeviceToken[] = [
    { name: 'wall', role: 'viewer', token: randomBytes(24).toString('base64url') },
    { name: 'kiosk', role: 'kiosk', token: randomBytes(24).toString('base64url') },
  ];
  const made = await createPrivateFile(file, `${JSON.stringify({ devices: initial }, null, 2)}\n`);
  // Another node sharing the data folder may have written it first: theirs is the one to use.
  const devices = parseFile(await readFile(file, 'utf8'), file);
  return { devices, created: made ? initial : [] };
}
