/**
 * The key envelope: a small JSON file beside the store (`<db>.key.json`) that
 * holds what is needed to re-derive or unwrap the master key — a scrypt salt
 * and parameters, or the keychain-wrapped key and the keychain backend's name.
 * It never holds the key in the clear, and never any PHI.
 */
import fs from 'node:fs';
import { z } from 'zod';
import { NtkError } from '../errors';

const Envelope = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('passphrase'),
    kdf: z.literal('scrypt'),
    salt: z.string().min(16),
    N: z.number().int().min(2 ** 14),
    r: z.number().int().min(1),
    p: z.number().int().min(1),
  }),
  z.object({ kind: z.literal('safeStorage'), backend: z.string(), wrapped: z.string().min(1) }),
]);
export type Envelope = z.infer<typeof Envelope>;

const FORMAT = 'need-to-know-key-envelope/1';

export const envelopePath = (dbPath: string): string => `${dbPath}.key.json`;

export function readEnvelope(dbPath: string): Envelope {
  const file = envelopePath(dbPath);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new NtkError('KEY_UNAVAILABLE', `The key envelope ${file} is missing; without it the store cannot be unlocked.`);
  }
  try {
    const raw = JSON.parse(text) as { format?: unknown };
    if (raw.format !== FORMAT) throw new Error('format');
    return Envelope.parse(raw);
  } catch {
    throw new NtkError('KEY_UNAVAILABLE', `The key envelope ${file} is damaged or from an unknown version.`);
  }
}

/** Writes the envelope atomically (temp file + rename), mode 0600. */
export function writeEnvelope(dbPath: string, env: Envelope): void {
  const file = envelopePath(dbPath);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ format: FORMAT, ...Envelope.parse(env) }, null, 2) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, file);
}
