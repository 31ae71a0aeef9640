import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROLES } from '@pengcheng/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwordHash.js';
import { setUserPassword } from './setUserPassword.js';
import { openUsers, readUsers, USERS_FILE_NAME, UsersFileError } from './usersFile.js';

const CHEAP = { log2N: 4, r: 8, p: 1 };
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pengcheng-users-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('the users file made on first start', () => {
  it('holds one user per role with distinct random passwords, readable by the owner only', async () => {
    const opened = await openUsers({ dataDir, cost: CHEAP });
    const file = path.join(dataDir, USERS_FILE_NAME);
    expect(opened.file).toBe(file);
    expect(opened.created.map((user) => user.role)).toEqual([...ROLES]);
    expect([...opened.accounts.values()].map((user) => user.role).sort()).toEqual([...ROLES].sort());
    const passwords = opened.created.map((user) => user.password);
    expect(new Set(passwords).size).toBe(ROLES.length);
    for (const password of passwords) expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    const text = await readFile(file, 'utf8');
    for (const { username, password } of opened.created) {
      expect(text).not.toContain(password);
      expect(await verifyPassword(password, opened.accounts.get(username)?.passwordHash)).toBe(true);
    }
  });

  it('is read, not remade, on the next start, and no password is shown again', async () => {
    const first = await openUsers({ dataDir, cost: CHEAP });
    const before = await readFile(first.file, 'utf8');
    const second = await openUsers({ dataDir, cost: CHEAP });
    expect(second.created).toEqual([]);
    expect(await readFile(first.file, 'utf8')).toBe(before);
    expect([...second.accounts.keys()]).toEqual([...first.accounts.keys()]);
  });

  it('gives different passwords on a different machine', async () => {
    const other = await mkdtemp(path.join(tmpdir(), 'pengcheng-users-'));
    try {
      const [a, b] = await Promise.all([openUsers({ dataDir, cost: CHEAP }), openUsers({ dataDir: other, cost: CHEAP })]);
      const theirs = new Set(b.created.map((user) => user.password));
      expect(a.created.some((user) => theirs.has(user.password))).toBe(false);
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });

  it('is made once when two nodes start at the same moment on one data folder', async () => {
    const results = await Promise.all([openUsers({ dataDir, cost: CHEAP }), openUsers({ dataDir, cost: CHEAP })]);
    const creators = results.filter((result) => result.created.length > 0);
    expect(creators).toHaveLength(1);
    const winner = creators[0];
    // Both nodes use the winner's file, so the printed passwords are the ones that work.
    for (const result of results) {
      for (const { username, password } of winner?.created ?? []) {
        expect(await verifyPassword(password, result.accounts.get(username)?.passwordHash)).toBe(true);
      }
    }
  });
});

describe('a configured USERS_FILE', () => {
  it('is read as it is and never created', async () => {
    const file = path.join(dataDir, 'team.json');
    const passwordHash = await hashPassword('s3cret-enough', CHEAP);
    await writeFile(file, JSON.stringify({ users: [{ username: 'zhang.wei', role: 'operator', passwordHash }] }));
    const opened = await openUsers({ usersFile: file, dataDir, cost: CHEAP });
    expect(opened.created).toEqual([]);
    expect(opened.accounts.get('zhang.wei')?.role).toBe('operator');
    await expect(stat(path.join(dataDir, USERS_FILE_NAME))).rejects.toThrow();
  });

  it('that is missing stops the start with a reason naming it', async () => {
    const file = path.join(dataDir, 'absent.json');
    await expect(openUsers({ usersFile: file, dataDir })).rejects.toThrow(new UsersFileError(`users file ${file} does not exist`));
  });

  it.each([
    ['not JSON', '{"users": [', /is not valid JSON/],
    ['no users list', '{}', /users: /],
    ['an unknown role', (hash: string) => ({ users: [{ username: 'li', role: 'admin', passwordHash: hash }] }), /users\.0\.role: /],
    ['a plain-text password', { users: [{ username: 'li', role: 'viewer', passwordHash: 'hunter2' }] }, /users\.0\.passwordHash: not a scrypt hash/],
    ['a misspelt field', (hash: string) => ({ users: [{ username: 'li', role: 'viewer', passwordHash: hash, rol: 'x' }] }), /users\.0: .*rol/],
    ['a name with spaces', (hash: string) => ({ users: [{ username: 'li lei', role: 'viewer', passwordHash: hash }] }), /users\.0\.username: user names are/],
    ['the same user twice', (hash: string) => ({ users: [{ username: 'li', role: 'viewer', passwordHash: hash }, { username: 'li', role: 'kiosk', passwordHash: hash }] }), /user "li" appears twice/],
  ])('that is corrupt (%s) gives a clear error naming the file', async (_name, content, reason) => {
    const file = path.join(dataDir, 'users.json');
    const body = typeof content === 'function' ? content(await hashPassword('x', CHEAP)) : content;
    await writeFile(file, typeof body === 'string' ? body : JSON.stringify(body));
    const failure = openUsers({ dataDir, cost: CHEAP });
    await expect(failure).rejects.toBeInstanceOf(UsersFileError);
    await expect(failure).rejects.toThrow(reason);
    await expect(readUsers(file)).rejects.toThrow(`users file ${file}`);
  });
});

describe('adding or resetting a user', () => {
  it('adds a user to a new file, then resets its password and role', async () => {
    const file = path.join(dataDir, 'team.json');
    const first = await setUserPassword(file, 'wang.fang', 'planner', CHEAP);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    let accounts = await readUsers(file);
    expect(await verifyPassword(first, accounts.get('wang.fang')?.passwordHash)).toBe(true);

    await setUserPassword(file, 'li.na', 'viewer', CHEAP);
    const second = await setUserPassword(file, 'wang.fang', 'operator', CHEAP);
    accounts = await readUsers(file);
    expect([...accounts.keys()]).toEqual(['wang.fang', 'li.na']);
    expect(accounts.get('wang.fang')?.role).toBe('operator');
    expect(await verifyPassword(second, accounts.get('wang.fang')?.passwordHash)).toBe(true);
    expect(await verifyPassword(first, accounts.get('wang.fang')?.passwordHash)).toBe(false);
  });

  it('refuses a bad role or name and leaves the file alone', async () => {
    const file = path.join(dataDir, 'team.json');
    await setUserPassword(file, 'li.na', 'viewer', CHEAP);
    const before = await readFile(file, 'utf8');
    await expect(setUserPassword(file, 'li.na', 'root', CHEAP)).rejects.toThrow(/role must be one of operator, planner, viewer, kiosk/);
    await expect(setUserPassword(file, 'li na', 'viewer', CHEAP)).rejects.toThrow(/user name/);
    expect(await readFile(file, 'utf8')).toBe(before);
  });
});
