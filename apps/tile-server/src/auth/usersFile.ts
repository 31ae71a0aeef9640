import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ROLES, Role } from '@pengcheng/protocol';
import { z } from 'zod';
import { hashPassword, isPasswordHash, type ScryptCost } from './passwordHash.js';
import { createPrivateFile } from './privateFile.js';

export const USERS_FILE_NAME = 'users.json';

/** A user name as typed at login: letters, digits and . _ @ -, no spaces. */
export const Username = z.string().regex(/^[\p{L}\p{N}._@-]{1,64}$/u, { message: 'user names are 1 to 64 letters, digits or . _ @ -' });

const UserEntry = z.strictObject({
  username: Username,
  role: Role,
  passwordHash: z.string().refine(isPasswordHash, { message: 'not a scrypt hash like $scrypt$ln=15,r=8,p=1$salt$key' }),
});
export type UserAccount = z.infer<typeof UserEntry>;

const UsersDocument = z.strictObject({ users: z.array(UserEntry) });
export type UsersDocument = z.infer<typeof UsersDocument>;

/** A password made at first start, to be shown once. */
export interface InitialPassword {
  readonly username: string;
  readonly role: Role;
  readonly password: string;
}

export interface OpenedUsers {
  readonly file: string;
  readonly accounts: ReadonlyMap<string, UserAccount>;
  /** The plain passwords of the users made just now; empty unless this start created the file. */
  readonly created: readonly InitialPassword[];
}

/** The users file is unreadable or wrong; the message names the file and the problem. */
export class UsersFileError extends Error {
  override readonly name = 'UsersFileError';
}

/** Checks a users file's text; throws {@link UsersFileError} naming `file` and what is wrong. */
export function parseUsers(text: string, file: string): Map<string, UserAccount> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsersFileError(`users file ${file} is not valid JSON`);
  }
  const parsed = UsersDocument.safeParse(json);
  if (!parsed.success) {
    const reasons = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    throw new UsersFileError(`users file ${file}: ${reasons.join('; ')}`);
  }
  const accounts = new Map<string, UserAccount>();
  for (const user of parsed.data.users) {
    if (accounts.has(user.username)) throw new UsersFileError(`users file ${file}: user "${user.username}" appears twice`);
    accounts.set(user.username, user);
  }
  return accounts;
}

/** The file's text, or undefined when there is no such file. */
async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new UsersFileError(`users file ${file} cannot be read (${code ?? 'error'})`);
  }
}

/** Reads and checks a users file that must exist. */
export async function readUsers(file: string): Promise<Map<string, UserAccount>> {
  const text = await readIfPresent(file);
  if (text === undefined) throw new UsersFileError(`users file ${file} does not exist`);
  return parseUsers(text, file);
}

/** A random password: 18 bytes, 24 characters of base64url. */
export function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}

export function serializeUsers(document: UsersDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

export interface OpenUsersOptions {
  /** `USERS_FILE`: when given it must exist and is only read. */
  readonly usersFile?: string;
  /** Where `users.json` is made on the first start when no file is given. */
  readonly dataDir: string;
  readonly cost?: ScryptCost;
}

/**
 * The configured users. Without a users file, the first start writes `users.json` in the data
 * folder (mode 0600) with one user per role, each named after its role and given a random
 * password, and returns those passwords once; later starts read the file and return none.
 */
export async function openUsers({ usersFile, dataDir, cost }: OpenUsersOptions): Promise<OpenedUsers> {
  if (usersFile !== undefined) return { file: usersFile, accounts: await readUsers(usersFile), created: [] };

  const file = path.join(dataDir, USERS_FILE_NAME);
  const existing = await readIfPresent(file);
  if (existing !== undefined) return { file, accounts: parseUsers(existing, file), created: [] };

  const initial: InitialPassword[] = ROLES.map((role) => ({ username: role, role, password: randomPassword() }));
  const users = await Promise.all(initial.map(async ({ username, role, password }) => ({ username, role, passwordHash: await hashPassword(password, cost) })));
  let made: boolean;
  try {
    made = await createPrivateFile(file, serializeUsers({ users }));
  } catch (error) {
    throw new UsersFileError(`users file ${file} cannot be created (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  // Another node sharing the data folder may have written it first: theirs is the one to use.
  return { file, accounts: await readUsers(file), created: made ? initial : [] };
}
