import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SCRYPT_COST, hashPassword, isPasswordHash, verifyPassword } from './passwordHash.js';

/** Cheap enough to run many times; the cost travels in the hash string. */
const CHEAP = { log2N: 4, r: 8, p: 1 };

describe('password hashing', () => {
  it('accepts the password it hashed and refuses any other', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ minLength: 1, maxLength: 40 }), async (password, other) => {
        const hash = await hashPassword(password, CHEAP);
        expect(await verifyPassword(password, hash)).toBe(true);
        if (other.normalize('NFC') !== password.normalize('NFC')) expect(await verifyPassword(other, hash)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('salts every hash, so one password never gives the same string twice', async () => {
    const [a, b] = await Promise.all([hashPassword('Xuzhou-2026', CHEAP), hashPassword('Xuzhou-2026', CHEAP)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Xuzhou-2026', a)).toBe(true);
    expect(await verifyPassword('Xuzhou-2026', b)).toBe(true);
  });

  it('stores its parameters in the string and uses the default cost unless told', async () => {
    const hash = await hashPassword('彭城数字孪生');
    expect(hash).toMatch(new RegExp(`^\\$scrypt\\$ln=${DEFAULT_SCRYPT_COST.log2N},r=${DEFAULT_SCRYPT_COST.r},p=${DEFAULT_SCRYPT_COST.p}\\$`));
    expect(await verifyPassword('彭城数字孪生', hash)).toBe(true);
    expect(await verifyPassword('彭城数字孪', hash)).toBe(false);
  });

  it('treats composed and decomposed forms of the same characters as one password', async () => {
    const hash = await hashPassword('caf\u00e9', CHEAP);
    expect(await verifyPassword('cafe\u0301', hash)).toBe(true);
  });

  it('answers false for a user without a hash, after doing the same work', async () => {
    expect(await verifyPassword('anything', undefined)).toBe(false);
    expect(await verifyPassword('', undefined)).toBe(false);
  });

  it('recognises only well-formed hashes within memory bounds', async () => {
    expect(isPasswordHash(await hashPassword('x', CHEAP))).toBe(true);
    for (const bad of ['', 'plaintext', '$scrypt$ln=15,r=8,p=1$c2FsdA$a2V5', '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$hash', '$scrypt$ln=30,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '$scrypt$ln=20,r=99,p=99$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      expect(isPasswordHash(bad), bad).toBe(false);
    }
    await expect(verifyPassword('x', 'plaintext')).rejects.toThrow(/not a password hash/);
  });
});
