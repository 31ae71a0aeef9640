import { readFile } from 'node:fs/promises';
import { Role } from '@pengcheng/protocol';
import { hashPassword, type ScryptCost } from './passwordHash.js';
import { replacePrivateFile } from './privateFile.js';
import { parseUsers, randomPassword, serializeUsers, Username, UsersFileError } from './usersFile.js';

async function existingText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UsersFileError(`users file ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/**
 * Adds `username` with `role` to a users file, or resets an existing user's role and
 * password, and returns the new random password. The file is created (mode 0600) if missing
 * and replaced atomically; a running server reads it at its next start.
 */
export async function setUserPassword(file: string, username: string, role: string, cost?: ScryptCost): Promise<string> {
  const name = Username.safeParse(username);
  if (!name.success) throw new UsersFileError(`user name: ${name.error.issues[0]?.message ?? 'invalid'}`);
  const parsedRole = Role.safeParse(role);
  if (!parsedRole.success) throw new UsersFileError(`role must be one of ${Role.options.join(', ')}`);

  const text = await existingText(file);
  const users = text === undefined ? [] : [...parseUsers(text, file).values()];
  const password = randomPassword();
  const entry = { username: name.data, role: parsedRole.data, passwordHash: await hashPassword(password, cost) };
  const index = users.findIndex((user) => user.username === name.data);
  if (index === -1) users.push(entry);
  else users[index] = entry;
  await replacePrivateFile(file, serializeUsers({ users }));
  return password;
}
