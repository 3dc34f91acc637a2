/**
 * Password hashing with scrypt (memory-hard), a per-user random salt, and the
 * parameters stored with the hash so they can be raised later (rehash on login).
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

export const HashParams = z.object({
  alg: z.literal('scrypt'),
  N: z.number().int().min(2 ** 14),
  r: z.number().int().min(8),
  p: z.number().int().min(1),
  salt: z.string().min(16),
  keylen: z.number().int().min(32),
});
export type HashParams = z.infer<typeof HashParams>;

export const CURRENT = { alg: 'scrypt', N: 2 ** 15, r: 8, p: 1, keylen: 32 } as const;

const run = (password: string, salt: Buffer, o: { N: number; r: number; p: number; keylen: number }): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    const opts: ScryptOptions = { N: o.N, r: o.r, p: o.p, maxmem: 256 * o.N * o.r };
    scrypt(password.normalize('NFKC'), salt, o.keylen, opts, (err, key) => (err ? reject(err) : resolve(key)));
  });

export async function hashPassword(password: string): Promise<{ hash: string; params: string }> {
  const salt = randomBytes(16);
  const key = await run(password, salt, CURRENT);
  const params: HashParams = { ...CURRENT, salt: salt.toString('base64') };
  return { hash: key.toString('base64'), params: JSON.stringify(params) };
}

export async function verifyPassword(password: string, hash: string, paramsJson: string): Promise<boolean> {
  const params = HashParams.parse(JSON.parse(paramsJson));
  const key = await run(password, Buffer.from(params.salt, 'base64'), params);
  const stored = Buffer.from(hash, 'base64');
  return stored.length === key.length && timingSafeEqual(stored, key);
}

export function needsRehash(paramsJson: string): boolean {
  const p = HashParams.parse(JSON.parse(paramsJson));
  return p.N < CURRENT.N || p.r < CURRENT.r || p.keylen < CURRENT.keylen;
}

/** Spends the same work as a real check, for names that match no user (no timing oracle). */
let dummy: { hash: string; params: string } | undefined;
export async function burnEquivalentWork(password: string): Promise<false> {
  dummy ??= await hashPassword('not-a-real-password-just-timing');
  await verifyPassword(password, dummy.hash, dummy.params);
  return false;
}
