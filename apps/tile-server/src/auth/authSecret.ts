import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createPrivateFile } from './privateFile.js';

export const AUTH_SECRET_FILE_NAME = 'auth-secret';
/** HS256 wants a key at least as long as its 256-bit output. */
export const MIN_SECRET_BYTES = 32;

export class AuthSecretError extends Error {
  override readonly name = 'AuthSecretError';
}

function checked(secret: string, origin: string): Uint8Array {
  const bytes = new TextEncoder().encode(secret);
  if (bytes.length < MIN_SECRET_BYTES) throw new AuthSecretError(`${origin} must be at least ${MIN_SECRET_BYTES} bytes long (got ${bytes.length})`);
  return bytes;
}

async function readSecret(file: string): Promise<string | undefined> {
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new AuthSecretError(`the token secret ${file} cannot be read (${code ?? 'error'})`);
  }
}

export interface AuthSecretOptions {
  /** `AUTH_SECRET`; several nodes behind one balancer must share it. */
  readonly secret?: string;
  readonly dataDir: string;
}

/**
 * The key tokens are signed with: `AUTH_SECRET` when given, else the one kept in the data
 * folder (`auth-secret`, mode 0600), made on the first start, so tokens survive restarts.
 */
export async function loadAuthSecret({ secret, dataDir }: AuthSecretOptions): Promise<Uint8Array> {
  if (secret !== undefined) return checked(secret, 'AUTH_SECRET');
  const file = path.join(dataDir, AUTH_SECRET_FILE_NAME);
  const kept = await readSecret(file);
  if (kept !== undefined) return checked(kept, `the token secret ${file}`);
  try {
    await createPrivateFile(file, `${randomBytes(MIN_SECRET_BYTES).toString('base64url')}\n`);
  } catch (error) {
    throw new AuthSecretError(`the token secret ${file} cannot be created (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  // Read back rather than use ours: a node starting at the same moment may have written first.
  return checked((await readSecret(file)) ?? '', `the token secret ${file}`);
}
