/**
 * Login throttling, stored in the database so restarts don't reset it, and
 * keyed by the normalized login name whether or not the user exists (so the
 * answers reveal nothing). After each failure the next attempt must wait
 * longer; after LOCK_AFTER consecutive failures the name is locked for LOCK_MS
 * (an administrator can unlock it). Times are wall-clock ms, since they must
 * survive a restart.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';

export const LOCK_AFTER = 10;
export const LOCK_MS = 15 * 60_000;
export const MAX_DELAY_MS = 30_000;

/** Wait imposed after n consecutive failures: none after the first, then 1 s, 2 s, 4 s … capped. */
export const delayAfter = (failures: number): number => (failures <= 1 ? 0 : Math.min(1000 * 2 ** (failures - 2), MAX_DELAY_MS));

export type ThrottleState = { allowed: true } | { allowed: false; retryAfterMs: number; locked: boolean };

export const normalizeLogin = (login: string): string => login.normalize('NFKC').trim().toLowerCase();

interface Row {
  failures: number;
  next_allowed_at: number;
  locked_until: number;
}

export class Throttle {
  constructor(private readonly db: Database) {}

  private row(login: string): Row {
    return (
      (this.db.prepare('SELECT failures, next_allowed_at, locked_until FROM auth_throttle WHERE login = ?').get(normalizeLogin(login)) as Row | undefined) ?? {
        failures: 0,
        next_allowed_at: 0,
        locked_until: 0,
      }
    );
  }

  check(login: string, nowMs: number): ThrottleState {
    const r = this.row(login);
    if (r.locked_until > nowMs) return { allowed: false, retryAfterMs: r.locked_until - nowMs, locked: true };
    if (r.next_allowed_at > nowMs) return { allowed: false, retryAfterMs: r.next_allowed_at - nowMs, locked: false };
    return { allowed: true };
  }

  /** Records a failure; returns whether this failure locked the name. */
  fail(login: string, nowMs: number): { failures: number; lockedNow: boolean } {
    const r = this.row(login);
    const expired = r.locked_until !== 0 && r.locked_until <= nowMs;
    const failures = (expired ? 0 : r.failures) + 1;
    const lockedNow = failures >= LOCK_AFTER;
    this.db
      .prepare(
        `INSERT INTO auth_throttle (login, failures, next_allowed_at, locked_until) VALUES (@login, @failures, @next, @locked)
         ON CONFLICT(login) DO UPDATE SET failures = @failures, next_allowed_at = @next, locked_until = @locked`,
      )
      .run({ login: normalizeLogin(login), failures, next: nowMs + delayAfter(failures), locked: lockedNow ? nowMs + LOCK_MS : 0 });
    return { failures, lockedNow };
  }

  reset(login: string): void {
    this.db.prepare('DELETE FROM auth_throttle WHERE login = ?').run(normalizeLogin(login));
  }
}
