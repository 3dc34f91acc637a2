/**
 * Sessions live only in the main process, keyed by the transport's own id for
 * the caller (the window's webContents id over IPC) — never by anything the
 * renderer sends. Idle time is measured on the monotonic clock from the last
 * real input; past the limit the session locks, whether or not anyone calls
 * (`sweep`, run on a main-process timer).
 *
 * Where the transport sees the caller's input itself (Electron's main-process
 * input events for a window, see adapters/idle-input.ts) it says so with
 * `watchInput`, and from then on only that input counts: a renderer reporting
 * activity it never had cannot keep the session open. Elsewhere (the e2e
 * harness) the renderer's reports are all there is.
 */
import { randomUUID } from 'node:crypto';
import type { ReauthAction } from '../../../shared/auth-contract';
import type { Purpose } from '../../../shared/purposes';
import type { Role } from '../../../shared/roles';
import type { Clock } from '../clock';

export interface Session {
  id: string;
  userId: number;
  username: string;
  displayName: string;
  role: Role;
  state: 'active' | 'locked';
  lastActivity: number;
  /**
   * The one pending re-authentication proof: which call it allows and when it was given. Taken
   * (and so spent) by that call; replaced by the next proof; cleared on lock.
   */
  proof: { action: ReauthAction; at: number } | null;
  mustChangePassword: boolean;
  /**
   * The declared purpose of use (and the encounter it is for), set by declarePurpose and cleared on
   * lock and sign-out. A new object per declaration: per-purpose state (the view handles) hangs off it.
   */
  purpose: PurposeContext | null;
}

export interface PurposeContext {
  purpose: Purpose;
  encounterId: number | null;
  patientId: number | null;
}

export type LockReason = 'idle' | 'manual' | 'user-disabled';

/** Who vouches for an activity: the main process's own input events, or the renderer's report. */
export type ActivitySource = 'input' | 'renderer';

export class Sessions {
  private readonly byKey = new Map<string, Session>();
  private readonly inputWatched = new Set<string>();

  constructor(
    private readonly clock: Clock,
    private idleMs: number,
    private readonly onIdleLock: (s: Session) => void,
  ) {}

  setIdleMinutes(minutes: number): void {
    this.idleMs = minutes * 60_000;
  }

  get idleMinutes(): number {
    return this.idleMs / 60_000;
  }

  open(key: string, user: Omit<Session, 'id' | 'state' | 'lastActivity' | 'proof' | 'purpose'>): Session {
    // Signing in is not a re-authentication: no proof is given here.
    const s: Session = { ...user, id: randomUUID(), state: 'active', lastActivity: this.clock.monotonicMs(), proof: null, purpose: null };
    this.byKey.set(key, s);
    return s;
  }

  /** The caller's session, locked first if it has been idle too long. */
  get(key: string): Session | undefined {
    const s = this.byKey.get(key);
    if (s) this.lockIfIdle(s);
    return s;
  }

  /** Locks every session idle past the limit, called or not; returns the keys it locked just now. */
  sweep(): string[] {
    const locked: string[] = [];
    for (const [key, s] of this.byKey) if (this.lockIfIdle(s)) locked.push(key);
    return locked;
  }

  private lockIfIdle(s: Session): boolean {
    if (s.state !== 'active' || this.clock.monotonicMs() - s.lastActivity < this.idleMs) return false;
    s.state = 'locked';
    s.purpose = null;
    s.proof = null;
    this.onIdleLock(s);
    return true;
  }

  /** The transport sees `key`'s real input itself: from now on the renderer's reports for it do not count. */
  watchInput(key: string): void {
    this.inputWatched.add(key);
  }

  /** The caller is gone (its window closed): its session ends. */
  forget(key: string): Session | undefined {
    this.inputWatched.delete(key);
    return this.close(key);
  }

  /** Counts user activity for `key`; a renderer's report counts only where no main-process input is watched. */
  touch(key: string, from: ActivitySource = 'renderer'): void {
    if (from === 'renderer' && this.inputWatched.has(key)) return;
    const s = this.get(key);
    if (s?.state === 'active') s.lastActivity = this.clock.monotonicMs();
  }

  lock(key: string): Session | undefined {
    const s = this.byKey.get(key);
    if (s) {
      s.state = 'locked';
      s.purpose = null;
      s.proof = null;
    }
    return s;
  }

  unlock(key: string): void {
    const s = this.byKey.get(key);
    if (!s) return;
    s.state = 'active';
    s.lastActivity = this.clock.monotonicMs();
  }

  /** Records a fresh proof of identity for `action` (replacing any earlier one). */
  reauthenticated(key: string, action: ReauthAction): void {
    const s = this.byKey.get(key);
    if (s) s.proof = { action, at: this.clock.monotonicMs() };
  }

  /**
   * Spends the session's proof for `action` if it is at most `withinMs` old: true once per proof.
   * A proof given for another action is left alone (and allows nothing here).
   */
  takeProof(key: string, action: ReauthAction, withinMs: number): boolean {
    const s = this.byKey.get(key);
    const p = s?.proof;
    if (!s || !p || p.action !== action) return false;
    s.proof = null;
    return this.clock.monotonicMs() - p.at <= withinMs;
  }

  close(key: string): Session | undefined {
    const s = this.byKey.get(key);
    this.byKey.delete(key);
    if (s) s.purpose = null;
    return s;
  }

  /** Ends every session of a user at once (disabled, role changed); returns how many. */
  endForUser(userId: number): number {
    let n = 0;
    for (const [k, s] of this.byKey) {
      if (s.userId === userId) {
        s.purpose = null;
        this.byKey.delete(k);
        n++;
      }
    }
    return n;
  }
}
