/**
 * What the store keeps instead of a typed login name: a keyed hash (HMAC-SHA-256 under the
 * store's own `login_hmac_key`, migration 0012) of the normalized name. The throttle is keyed by
 * it and failed sign-ins are audited by it, so a password typed into the name field is never
 * stored, while the same name, however typed, still maps to one throttle row and one audit trail.
 * A plain hash would not do: anyone could hash guessed names (or passwords) and compare.
 */
import { createHmac } from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';

export const normalizeLogin = (login: string): string => login.normalize('NFKC').trim().toLowerCase();

export type LoginHasher = (login: string) => string;

/** The store's hasher for login names (and other caller references, like sign-in sources). */
export function loginHasher(db: Database): LoginHasher {
  let key: Buffer | undefined;
  return (login) => {
    key ??= Buffer.from((db.prepare("SELECT value FROM meta WHERE key = 'login_hmac_key'").get() as { value: string }).value, 'hex');
    return createHmac('sha256', key).update(normalizeLogin(login)).digest('hex').slice(0, 32);
  };
}
