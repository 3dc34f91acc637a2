/**
 * Sign-in, sessions and user administration over the store, every step audited.
 * Errors are generic where detail would help an attacker (which names exist,
 * whether it was the password or the code that was wrong).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { SessionInfo, UserSummary } from '../../../shared/auth-contract';
import type { Role } from '../../../shared/roles';
import type { AuditEventInput, AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { NtkError } from '../errors';
import { burnEquivalentWork, hashPassword, needsRehash, verifyPassword } from './password-hash';
import { passwordProblems } from './password-policy';
import { Sessions, type Session } from './sessions';
import { normalizeLogin, Throttle } from './throttle';
import { consumeRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, otpauthUri } from './totp';
import { Users, type UserRow } from './users';

const SIGN_IN_FAILED = 'Sign-in failed. Check your user name, password and code.';
export const REAUTH_WINDOW_MS = 5 * 60_000;

export class AuthService {
  readonly users: Users;
  readonly throttle: Throttle;
  readonly sessions: Sessions;
  /** Secrets shown to a user but not yet confirmed with a code, by session id; never stored until confirmed. */
  private readonly pendingTotp = new Map<string, string>();

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {
    this.users = new Users(db);
    this.throttle = new Throttle(db);
    this.sessions = new Sessions(clock, this.idleMinutesSetting() * 60_000, (s) =>
      this.audit.append({ ...actor(s), action: 'E', eventType: 'session.lock', outcome: 'success', detail: { reason: 'idle' } }),
    );
  }

  get firstRun(): boolean {
    return this.users.count() === 0;
  }

  info(s: Session): SessionInfo {
    return {
      username: s.username,
      displayName: s.displayName,
      role: s.role,
      state: s.state,
      mustChangePassword: s.mustChangePassword,
      idleMinutes: this.sessions.idleMinutes,
      secondFactor: !!this.users.byId(s.userId)?.totp_secret,
    };
  }

  /** First run only: creates the first administrator (no default password exists anywhere). */
  async setupFirstAdmin(key: string, username: string, displayName: string, password: string): Promise<SessionInfo> {
    if (!this.firstRun) throw new NtkError('CONFLICT', 'This workstation already has users; sign in instead.');
    this.requireStrong(password, { username, displayName });
    const { hash, params } = await hashPassword(password);
    const created = this.db.transaction(() => {
      if (!this.firstRun) throw new NtkError('CONFLICT', 'This workstation already has users; sign in instead.');
      const id = this.users.create({ username, displayName, role: 'admin', hash, params, mustChange: false, createdBy: null, now: this.nowIso() });
      this.audit.append({ userId: id, username, role: 'admin', action: 'C', eventType: 'user.create', outcome: 'success', detail: { targetUserId: id, firstAdmin: true } });
      return id;
    })();
    return this.startSession(key, this.users.byId(created)!);
  }

  async login(key: string, username: string, password: string, otp?: string): Promise<SessionInfo> {
    const now = this.clock.now().getTime();
    const gate = this.throttle.check(username, now);
    if (!gate.allowed) {
      this.audit.append({ action: 'E', eventType: 'login', outcome: 'denied', detail: { login: normalizeLogin(username), reason: gate.locked ? 'locked-out' : 'throttled' } });
      throw throttled(gate.retryAfterMs, gate.locked);
    }
    const user = this.users.byName(username);
    const ok = user && !user.disabled_at ? await this.checkSecrets(user, password, otp) : await burnEquivalentWork(password);
    if (!ok || !user) {
      const { failures, lockedNow } = this.throttle.fail(username, now);
      this.audit.append({
        userId: user?.id ?? null,
        username: user?.username ?? null,
        action: 'E',
        eventType: 'login',
        outcome: 'failure',
        detail: { login: normalizeLogin(username), failures },
      });
      if (lockedNow) {
        this.audit.append({ userId: user?.id ?? null, action: 'E', eventType: 'lockout', outcome: 'success', detail: { login: normalizeLogin(username) } });
      }
      throw new NtkError('AUTH_FAILED', SIGN_IN_FAILED);
    }
    this.throttle.reset(username);
    if (needsRehash(user.password_params)) {
      const { hash, params } = await hashPassword(password);
      this.users.setPassword(user.id, hash, params, user.password_set_at, !!user.must_change);
    }
    return this.startSession(key, user);
  }

  logout(key: string): void {
    const s = this.sessions.close(key);
    if (s) this.audit.append({ ...actor(s), action: 'E', eventType: 'logout', outcome: 'success' });
    this.audit.checkpoint();
  }

  lock(key: string): SessionInfo {
    const s = this.sessions.lock(key);
    if (!s) throw new NtkError('UNAUTHENTICATED', 'Not signed in.');
    this.audit.append({ ...actor(s), action: 'E', eventType: 'session.lock', outcome: 'success', detail: { reason: 'manual' } });
    return this.info(s);
  }

  /** Unlocking needs the same user's password (and code, if enrolled); failures count toward lockout. */
  async unlock(key: string, password: string, otp?: string): Promise<SessionInfo> {
    const s = this.sessions.get(key);
    if (!s) throw new NtkError('UNAUTHENTICATED', 'Not signed in.');
    await this.proveIdentity(key, s, password, otp, 'session.unlock');
    this.sessions.unlock(key);
    return this.info(s);
  }

  /** Re-authentication before break-glass, exports and packet sends. */
  async reauthenticate(key: string, password: string, otp?: string): Promise<void> {
    const s = this.requireActive(key);
    await this.proveIdentity(key, s, password, otp, 'reauthenticate');
    this.sessions.reauthenticated(key);
  }

  requireRecentReauth(key: string): void {
    if (!this.sessions.recentlyAuthenticated(key, REAUTH_WINDOW_MS)) {
      throw new NtkError('REAUTH_REQUIRED', 'Confirm your password to continue.');
    }
  }

  async changePassword(key: string, current: string, next: string): Promise<SessionInfo> {
    const s = this.requireActive(key, true);
    await this.proveIdentity(key, s, current, undefined, 'password.change', true);
    const user = this.users.byId(s.userId)!;
    this.requireStrong(next, { username: user.username, displayName: user.display_name, hasSecondFactor: !!user.totp_secret });
    const { hash, params } = await hashPassword(next);
    this.users.setPassword(user.id, hash, params, this.nowIso(), false);
    s.mustChangePassword = false;
    this.audit.append({ ...actor(s), action: 'U', eventType: 'password.change', outcome: 'success', detail: { targetUserId: user.id } });
    return this.info(s);
  }

  /** Step 1 of enrolling an authenticator: a new secret to scan (kept in memory until confirmed). */
  beginTotpEnrollment(key: string): { secret: string; otpauthUri: string } {
    const s = this.requireActive(key);
    this.requireRecentReauth(key);
    const secret = newTotpSecret();
    this.pendingTotp.set(s.id, secret);
    return { secret, otpauthUri: otpauthUri(secret, s.username) };
  }

  /** Step 2: a valid code from the authenticator turns the second factor on; recovery codes are shown once. */
  confirmTotpEnrollment(key: string, code: string): { recoveryCodes: string[] } {
    const s = this.requireActive(key);
    const secret = this.pendingTotp.get(s.id);
    if (!secret) throw new NtkError('CONFLICT', 'Start the enrollment first.');
    const step = matchTotp(secret, code, this.clock.now().getTime(), null);
    if (step === null) throw new NtkError('AUTH_FAILED', 'That code does not match; check the authenticator app and the device clock.');
    const { codes, hashes } = newRecoveryCodes();
    this.users.setTotp(s.userId, secret, hashes);
    this.users.setTotpLastStep(s.userId, step);
    this.pendingTotp.delete(s.id);
    this.audit.append({ ...actor(s), action: 'U', eventType: 'second-factor.enroll', outcome: 'success', detail: { targetUserId: s.userId } });
    return { recoveryCodes: codes };
  }

  // --- administration ------------------------------------------------------

  async addUser(admin: Session, username: string, displayName: string, role: Role, password: string): Promise<UserSummary> {
    if (this.users.byName(username)) throw new NtkError('CONFLICT', 'That user name is taken.');
    this.requireStrong(password, { username, displayName });
    const { hash, params } = await hashPassword(password);
    const id = this.users.create({ username, displayName, role, hash, params, mustChange: true, createdBy: admin.userId, now: this.nowIso() });
    this.audit.append({ ...actor(admin), action: 'C', eventType: 'user.create', outcome: 'success', detail: { targetUserId: id, role } });
    return this.summary(this.users.byId(id)!);
  }

  setDisabled(admin: Session, userId: number, disabled: boolean): UserSummary {
    const u = this.target(userId);
    if (disabled && u.id === admin.userId) throw new NtkError('CONFLICT', 'You cannot disable your own account.');
    if (disabled && u.role === 'admin' && !u.disabled_at && this.users.activeAdmins() <= 1) {
      throw new NtkError('CONFLICT', 'This is the last active administrator.');
    }
    this.users.setDisabled(u.id, disabled ? this.nowIso() : null);
    const ended = disabled ? this.sessions.endForUser(u.id) : 0;
    this.audit.append({ ...actor(admin), action: 'U', eventType: disabled ? 'user.disable' : 'user.enable', outcome: 'success', detail: { targetUserId: u.id, sessionsEnded: ended } });
    return this.summary(this.users.byId(u.id)!);
  }

  setRole(admin: Session, userId: number, role: Role): UserSummary {
    const u = this.target(userId);
    if (u.role === 'admin' && role !== 'admin' && this.users.activeAdmins() <= 1) throw new NtkError('CONFLICT', 'This is the last active administrator.');
    this.users.setRole(u.id, role);
    const ended = this.sessions.endForUser(u.id); // a new role needs a new sign-in
    this.audit.append({ ...actor(admin), action: 'U', eventType: 'user.role', outcome: 'success', detail: { targetUserId: u.id, from: u.role, to: role, sessionsEnded: ended } });
    return this.summary(this.users.byId(u.id)!);
  }

  async resetPassword(admin: Session, userId: number, password: string): Promise<UserSummary> {
    const u = this.target(userId);
    this.requireStrong(password, { username: u.username, displayName: u.display_name });
    const { hash, params } = await hashPassword(password);
    this.users.setPassword(u.id, hash, params, this.nowIso(), true);
    this.throttle.reset(u.username);
    const ended = this.sessions.endForUser(u.id);
    this.audit.append({ ...actor(admin), action: 'U', eventType: 'user.password-reset', outcome: 'success', detail: { targetUserId: u.id, sessionsEnded: ended } });
    return this.summary(this.users.byId(u.id)!);
  }

  unlockUser(admin: Session, userId: number): UserSummary {
    const u = this.target(userId);
    this.throttle.reset(u.username);
    this.audit.append({ ...actor(admin), action: 'U', eventType: 'user.unlock', outcome: 'success', detail: { targetUserId: u.id } });
    return this.summary(u);
  }

  setIdleMinutes(admin: Session, minutes: number): number {
    this.db.prepare("UPDATE meta SET value = ? WHERE key = 'idle_minutes'").run(String(minutes));
    const from = this.sessions.idleMinutes;
    this.sessions.setIdleMinutes(minutes);
    this.audit.append({ ...actor(admin), action: 'U', eventType: 'settings.idle-minutes', outcome: 'success', detail: { from, to: minutes } });
    return minutes;
  }

  listUsers(): UserSummary[] {
    return this.users.list().map((u) => this.summary(u));
  }

  // --- helpers ---------------------------------------------------------------

  requireActive(key: string, allowMustChange = false): Session {
    const s = this.sessions.get(key);
    if (!s) throw new NtkError('UNAUTHENTICATED', 'Not signed in.');
    if (s.state === 'locked') throw new NtkError('SESSION_LOCKED', 'The session is locked.');
    if (s.mustChangePassword && !allowMustChange) throw new NtkError('FORBIDDEN', 'Change your password first.');
    return s;
  }

  private summary(u: UserRow): UserSummary {
    const gate = this.throttle.check(u.username, this.clock.now().getTime());
    return {
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      role: u.role,
      disabled: !!u.disabled_at,
      secondFactor: !!u.totp_secret,
      mustChangePassword: !!u.must_change,
      lockedOut: !gate.allowed && gate.locked,
      createdAt: u.created_at,
    };
  }

  private target(userId: number): UserRow {
    const u = this.users.byId(userId);
    if (!u) throw new NtkError('NOT_FOUND', 'No such user.');
    return u;
  }

  private startSession(key: string, user: UserRow): SessionInfo {
    const s = this.sessions.open(key, {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      role: user.role,
      mustChangePassword: !!user.must_change,
    });
    this.audit.append({ ...actor(s), action: 'E', eventType: 'login', outcome: 'success' });
    return this.info(s);
  }

  private async checkSecrets(user: UserRow, password: string, otp?: string): Promise<boolean> {
    const passwordOk = await verifyPassword(password, user.password_hash, user.password_params);
    if (!passwordOk) return false;
    if (!user.totp_secret) return true;
    if (!otp) return false;
    const step = matchTotp(user.totp_secret, otp, this.clock.now().getTime(), user.totp_last_step);
    if (step !== null) {
      this.users.setTotpLastStep(user.id, step);
      return true;
    }
    const left = consumeRecoveryCode(JSON.parse(user.recovery_codes ?? '[]') as string[], otp);
    if (!left) return false;
    this.users.setRecoveryCodes(user.id, left);
    this.audit.append({ userId: user.id, username: user.username, role: user.role, action: 'U', eventType: 'recovery-code.used', outcome: 'success', detail: { left: left.length } });
    return true;
  }

  private async proveIdentity(key: string, s: Session, password: string, otp: string | undefined, eventType: string, passwordOnly = false): Promise<void> {
    const now = this.clock.now().getTime();
    const gate = this.throttle.check(s.username, now);
    if (!gate.allowed) throw throttled(gate.retryAfterMs, gate.locked);
    const user = this.users.byId(s.userId);
    const ok = !!user && !user.disabled_at && (passwordOnly ? await verifyPassword(password, user.password_hash, user.password_params) : await this.checkSecrets(user, password, otp));
    if (!ok) {
      const { lockedNow } = this.throttle.fail(s.username, now);
      this.audit.append({ ...actor(s), action: 'E', eventType, outcome: 'failure' });
      if (lockedNow) {
        this.sessions.close(key); // a locked-out account's session ends
        this.audit.append({ ...actor(s), action: 'E', eventType: 'lockout', outcome: 'success' });
      }
      throw new NtkError('AUTH_FAILED', 'That password (or code) is not right.');
    }
    this.throttle.reset(s.username);
    // A password change records its own event; unlock and re-authentication record the proof.
    if (!passwordOnly) this.audit.append({ ...actor(s), action: 'E', eventType, outcome: 'success' });
  }

  private requireStrong(password: string, ctx: Parameters<typeof passwordProblems>[1]): void {
    const problems = passwordProblems(password, ctx);
    if (problems.length) throw new NtkError('WEAK_PASSWORD', problems.join(' '));
  }

  private idleMinutesSetting(): number {
    const row = this.db.prepare("SELECT value FROM meta WHERE key = 'idle_minutes'").get() as { value: string } | undefined;
    const n = Number(row?.value ?? 15);
    return Number.isInteger(n) && n >= 1 && n <= 60 ? n : 15;
  }

  private nowIso(): string {
    return this.clock.now().toISOString();
  }
}

export const actor = (s: Session): Pick<AuditEventInput, 'userId' | 'username' | 'role'> => ({ userId: s.userId, username: s.username, role: s.role });

function throttled(retryAfterMs: number, locked: boolean): NtkError {
  const secs = Math.ceil(retryAfterMs / 1000);
  return new NtkError(
    'THROTTLED',
    locked ? `Too many failed attempts: sign-in is locked for ${Math.ceil(secs / 60)} more minute(s), or until an administrator unlocks it.` : `Too many attempts: wait ${secs} second(s) and try again.`,
  );
}

