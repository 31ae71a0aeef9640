import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's cost: N = 2^log2N, block size r, parallelism p. Memory is 128·N·r bytes. */
export interface ScryptCost {
  readonly log2N: number;
  readonly r: number;
  readonly p: number;
}

/** 32 MiB and some tens of milliseconds per check: slow for a guesser, fine for a login. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { log2N: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Bounds on what a hash string may ask for, so a hand-edited file cannot exhaust memory. */
const MAX_MEMORY = 256 * 1024 * 1024;

// The PHC string format: $scrypt$ln=15,r=8,p=1$<salt>$<key>, base64 without padding.
const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{11,88})\$([A-Za-z0-9+/]{22,88})$/;

interface ParsedHash {
  readonly cost: ScryptCost;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function memoryOf(cost: ScryptCost): number {
  return 128 * 2 ** cost.log2N * cost.r * cost.p;
}

function costIsSane(cost: ScryptCost): boolean {
  return cost.log2N >= 1 && cost.log2N <= 24 && cost.r >= 1 && cost.p >= 1 && memoryOf(cost) <= MAX_MEMORY;
}

function parseHash(encoded: string): ParsedHash | undefined {
  const match = FORMAT.exec(encoded);
  if (!match) return undefined;
  const cost = { log2N: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  const salt = Buffer.from(match[4] ?? '', 'base64');
  const key = Buffer.from(match[5] ?? '', 'base64');
  if (!costIsSane(cost) || salt.length < 8 || key.length < 16) return undefined;
  return { cost, salt, key };
}

function unpadded(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}

function encode({ cost, salt, key }: ParsedHash): string {
  return `$scrypt$ln=${cost.log2N},r=${cost.r},p=${cost.p}$${unpadded(salt)}$${unpadded(key)}`;
}

function derive(password: string, salt: Buffer, cost: ScryptCost, length: number): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** cost.log2N, r: cost.r, p: cost.p, maxmem: 2 * memoryOf(cost) };
  // NFC: the same password typed through different input methods gives the same bytes.
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

/** Whether `encoded` is a hash string this module can check (and will not exhaust memory on). */
export function isPasswordHash(encoded: string): boolean {
  return parseHash(encoded) !== undefined;
}

/** A new salted hash of `password`, its parameters written into the string. */
export async function hashPassword(password: string, cost: ScryptCost = DEFAULT_SCRYPT_COST): Promise<string> {
  if (!costIsSane(cost)) throw new Error('scrypt cost out of bounds');
  const salt = randomBytes(SALT_BYTES);
  return encode({ cost, salt, key: await derive(password, salt, cost, KEY_BYTES) });
}

/**
 * Stands in for a user who does not exist: random bytes in the default cost, so checking a
 * password against it takes as long as against a real hash and matches nothing.
 */
const ABSENT_USER_HASH = encode({ cost: DEFAULT_SCRYPT_COST, salt: randomBytes(SALT_BYTES), key: randomBytes(KEY_BYTES) });

/**
 * Whether `password` matches `encoded`. With no hash (an unknown user) it spends the same
 * time against a dummy and answers false, so user names cannot be probed by timing.
 */
export async function verifyPassword(password: string, encoded: string | undefined): Promise<boolean> {
  const parsed = parseHash(encoded ?? ABSENT_USER_HASH);
  if (!parsed) throw new Error('not a password hash this server can check');
  const candidate = await derive(password, parsed.salt, parsed.cost, parsed.key.length);
  return timingSafeEqual(candidate, parsed.key) && encoded !== undefined;
}
