/**
 * Login throttling, stored in the database so restarts don't reset it, and
 * keyed by the keyed hash of the normalized login name (login-key.ts) whether
 * or not the user exists (so the answers reveal nothing, and a password typed
 * as a name is not stored). After each failure the next attempt must wait
 * longer; after LOCK_AFTER consecutive failures the name is locked for LOCK_MS
 * (an administrator can unlock it). Times are wall-clock ms, since they must
 * survive a restart.
 *
 * An attempt is admitted and recorded in one synchronous transaction BEFORE any
 * hashing: `begin` counts it as a failure and takes a short in-flight lease on
 * the name, so while it is being checked every other attempt for that name —
 * in this process or another on the same store — is refused, not queued. A
 * correct answer then clears the count (`succeed`) but keeps the lease until the attempt ends
 * (`release`), so nothing slips in while the successful attempt finishes.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { LoginHasher } from './login-key';

export { normalizeLogin } from './login-key';

export const LOCK_AFTER = 10;
export const LOCK_MS = 15 * 60_000;
export const MAX_DELAY_MS = 30_000;
/** How long an attempt may hold its name; a crash mid-check blocks the name for at most this long. */
export const IN_FLIGHT_LEASE_MS = 30_000;

/** Wait imposed after n consecutive failures: none after the first, then 1 s, 2 s, 4 s … capped. */
export const delayAfter = (failures: number): number => (failures <= 1 ? 0 : Math.min(1000 * 2 ** (failures - 2), MAX_DELAY_MS));

export type ThrottleState = { allowed: true } | { allowed: false; retryAfterMs: number; locked: boolean };
export type Refusal = { allowed: false; retryAfterMs: number; locked: boolean; reason: 'locked-out' | 'throttled' | 'in-flight' | 'source-limit' };
/** An admitted attempt: `failures` counts it already; `locksIfFails` says a wrong answer locks the name. */
export type Admission = { allowed: true; failures: number; locksIfFails: boolean };

interface Row {
  failures: number;
  next_allowed_at: number;
  locked_until: number;
  in_flight_until: number;
}

const NONE: Row = { failures: 0, next_allowed_at: 0, locked_until: 0, in_flight_until: 0 };

export class Throttle {
  constructor(
    private readonly db: Database,
    private readonly keyOf: LoginHasher,
  ) {}

  private row(login: string): Row {
    return (this.db.prepare('SELECT failures, next_allowed_at, locked_until, in_flight_until FROM auth_throttle WHERE login = ?').get(this.keyOf(login)) as Row | undefined) ?? NONE;
  }

  /** The name's state as an administrator sees it (no attempt is recorded). */
  check(login: string, nowMs: number): ThrottleState {
    const r = this.row(login);
    if (r.locked_until > nowMs) return { allowed: false, retryAfterMs: r.locked_until - nowMs, locked: true };
    if (r.next_allowed_at > nowMs) return { allowed: false, retryAfterMs: r.next_allowed_at - nowMs, locked: false };
    return { allowed: true };
  }

  /**
   * Admits one attempt for `login` or refuses it, and records the admitted attempt as a failure
   * with the in-flight lease, all in one step. Call inside a transaction with any other gate.
   */
  begin(login: string, nowMs: number): Admission | Refusal {
    const r = this.row(login);
    if (r.locked_until > nowMs) return { allowed: false, retryAfterMs: r.locked_until - nowMs, locked: true, reason: 'locked-out' };
    // A lease further ahead than it could ever be set (the wall clock went back) is ignored.
    if (r.in_flight_until > nowMs && r.in_flight_until - nowMs <= IN_FLIGHT_LEASE_MS) return { allowed: false, retryAfterMs: 1000, locked: false, reason: 'in-flight' };
    if (r.next_allowed_at > nowMs) return { allowed: false, retryAfterMs: r.next_allowed_at - nowMs, locked: false, reason: 'throttled' };
    const expired = r.locked_until !== 0 && r.locked_until <= nowMs;
    const failures = (expired ? 0 : r.failures) + 1;
    const locksIfFails = failures >= LOCK_AFTER;
    this.db
      .prepare(
        `INSERT INTO auth_throttle (login, failures, next_allowed_at, locked_until, in_flight_until) VALUES (@login, @failures, @next, @locked, @lease)
         ON CONFLICT(login) DO UPDATE SET failures = @failures, next_allowed_at = @next, locked_until = @locked, in_flight_until = @lease`,
      )
      .run({ login: this.keyOf(login), failures, next: nowMs + delayAfter(failures), locked: locksIfFails ? nowMs + LOCK_MS : 0, lease: nowMs + IN_FLIGHT_LEASE_MS });
    return { allowed: true, failures, locksIfFails };
  }

  /** The names (as keyed hashes) locked at `nowMs`, with when their lock ends. */
  lockedNow(nowMs: number): Array<{ key: string; lockedUntil: number }> {
    return (this.db.prepare('SELECT login, locked_until FROM auth_throttle WHERE locked_until > ?').all(nowMs) as Array<{ login: string; locked_until: number }>).map((r) => ({ key: r.login, lockedUntil: r.locked_until }));
  }

  /** A correct answer clears the name's count; its lease stays until `release`. */
  succeed(login: string): void {
    this.db.prepare('UPDATE auth_throttle SET failures = 0, next_allowed_at = 0, locked_until = 0 WHERE login = ?').run(this.keyOf(login));
  }

  /** Ends the in-flight lease of an attempt (its failure, if it failed, stays recorded; a clean row goes). */
  release(login: string): void {
    const key = this.keyOf(login);
    this.db.prepare('UPDATE auth_throttle SET in_flight_until = 0 WHERE login = ?').run(key);
    this.db.prepare('DELETE FROM auth_throttle WHERE login = ? AND failures = 0 AND locked_until = 0').run(key);
  }

  /** An administrator clears the name's record (unlock, password reset). */
  reset(login: string): void {
    this.db.prepare('DELETE FROM auth_throttle WHERE login = ?').run(this.keyOf(login));
  }
}
