/**
 * Sign-in, sessions and user administration over the store, every step audited.
 * Errors are generic where detail would help an attacker (which names exist,
 * whether it was the password or the code that was wrong).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ReauthAction, SessionInfo, SignInAlerts, UserSummary } from '../../../shared/auth-contract';
import type { Role } from '../../../shared/roles';
import type { AuditEventInput, AuditLog } from '../audit/audit-log';
import type { Clock } from '../clock';
import { NtkError } from '../errors';
import { burnEquivalentWork, hashPassword, needsRehash, verifyPassword } from './password-hash';
import { passwordProblems } from './password-policy';
import { Sessions, type Session } from './sessions';
import { SourceThrottle } from './source-throttle';
import { loginHasher, type LoginHasher } from './login-key';
import { Throttle, type Admission, type Refusal } from './throttle';
import { hashRecoveryCode, matchTotp, newRecoveryCodes, newTotpSecret, otpauthUri } from './totp';
import { Users, type UserRow } from './users';

const SIGN_IN_FAILED = 'Sign-in failed. Check your user name, password and code.';
/** How long a re-authentication proof stays good for the one action it was given for. */
export const REAUTH_PROOF_MS = 2 * 60_000;

export class AuthService {
  readonly users: Users;
  readonly throttle: Throttle;
  readonly sources: SourceThrottle;
  readonly sessions: Sessions;
  /** Secrets shown to a user but not yet confirmed with a code, by session id; never stored until confirmed. */
  private readonly pendingTotp = new Map<string, string>();
  private readonly loginKey: LoginHasher;

  constructor(
    private readonly db: Database,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {
    this.users = new Users(db);
    this.loginKey = loginHasher(db);
    this.throttle = new Throttle(db, this.loginKey);
    this.sources = new SourceThrottle(db);
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

  /** `source` is who is calling (see source-throttle.ts); it defaults to the session key. */
  async login(key: string, username: string, password: string, otp?: string, source = key): Promise<SessionInfo> {
    const user = this.users.byName(username);
    const who = this.loginRef(username, !!user);
    const gate = this.admit(username, source);
    if (!gate.allowed) {
      this.audit.append({ action: 'E', eventType: 'login', outcome: 'denied', detail: { ...who, reason: gate.reason } });
      throw throttled(gate.retryAfterMs, gate.locked);
    }
    try {
      const ok = user && !user.disabled_at ? await this.checkSecrets(user, password, otp) : await burnEquivalentWork(password);
      if (!ok || !user) {
        this.audit.append({ userId: user?.id ?? null, username: user?.username ?? null, action: 'E', eventType: 'login', outcome: 'failure', detail: { ...who, failures: gate.failures } });
        if (gate.locksIfFails) this.lockedOut(user?.id ?? null, who);
        throw new NtkError('AUTH_FAILED', SIGN_IN_FAILED);
      }
      this.succeeded(username, source);
      if (needsRehash(user.password_params)) {
        const { hash, params } = await hashPassword(password);
        this.users.setPassword(user.id, hash, params, user.password_set_at, !!user.must_change);
      }
      return this.startSession(key, user);
    } finally {
      this.throttle.release(username);
    }
  }

  logout(key: string): void {
    const s = this.sessions.close(key);
    if (s) this.audit.append({ ...actor(s), action: 'E', eventType: 'logout', outcome: 'success' });
    this.audit.checkpoint();
  }

  /** The caller is gone for good (its window closed): its session ends, audited. */
  callerGone(key: string): void {
    const s = this.sessions.forget(key);
    if (s) this.audit.append({ ...actor(s), action: 'E', eventType: 'logout', outcome: 'success', detail: { reason: 'window-closed' } });
  }

  /** Locks every session idle past the limit (a main-process timer calls this); returns their keys. */
  lockIdle(): string[] {
    return this.sessions.sweep();
  }

  lock(key: string): SessionInfo {
    const s = this.sessions.lock(key);
    if (!s) throw new NtkError('UNAUTHENTICATED', 'Not signed in.');
    this.audit.append({ ...actor(s), action: 'E', eventType: 'session.lock', outcome: 'success', detail: { reason: 'manual' } });
    return this.info(s);
  }

  /** Unlocking needs the same user's password (and code, if enrolled); failures count toward lockout. */
  async unlock(key: string, password: string, otp?: string, source = key): Promise<SessionInfo> {
    const s = this.sessions.get(key);
    if (!s) throw new NtkError('UNAUTHENTICATED', 'Not signed in.');
    await this.proveIdentity(key, s, password, otp, 'session.unlock', source);
    this.sessions.unlock(key);
    return this.info(s);
  }

  /** Re-authentication before break-glass, exports and packet sends: a proof for that one action, once. */
  async reauthenticate(key: string, password: string, otp: string | undefined, action: ReauthAction, source = key): Promise<void> {
    const s = this.requireActive(key);
    await this.proveIdentity(key, s, password, otp, 'reauthenticate', source, false, { for: action });
    this.sessions.reauthenticated(key, action);
  }

  /**
   * Spends the caller's re-authentication proof for `action`, or throws REAUTH_REQUIRED. Call it
   * before the action's first await, so two parallel calls cannot share one proof.
   */
  requireReauthFor(key: string, action: ReauthAction): void {
    if (!this.sessions.takeProof(key, action, REAUTH_PROOF_MS)) {
      throw new NtkError('REAUTH_REQUIRED', 'Confirm your password to continue.');
    }
  }

  async changePassword(key: string, current: string, next: string, source = key): Promise<SessionInfo> {
    const s = this.requireActive(key, true);
    await this.proveIdentity(key, s, current, undefined, 'password.change', source, true);
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
    this.requireReauthFor(key, 'beginTotpEnrollment');
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
    this.users.claimTotpStep(s.userId, step);
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

  /** Locked names and blocked sources right now, for the administrators' alert. */
  signInAlerts(): SignInAlerts {
    const now = this.clock.now().getTime();
    const locked = new Map(this.throttle.lockedNow(now).map((r) => [r.key, r.lockedUntil]));
    const lockedAccounts = this.users.list().flatMap((u) => {
      const until = locked.get(this.loginKey(u.username));
      if (until === undefined) return [];
      locked.delete(this.loginKey(u.username));
      return [{ userId: u.id, username: u.username, displayName: u.display_name, lockedUntil: new Date(until).toISOString() }];
    });
    const blockedSources = this.sources.blockedNow(now);
    return { lockedAccounts, lockedUnknownNames: locked.size, blockedSources, badge: lockedAccounts.length + locked.size + blockedSources };
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

  /**
   * The password, then the second factor. A TOTP step or recovery code is accepted only by the one
   * statement that marks it used, so the same code can never be accepted twice, even by two
   * attempts checked at once.
   */
  private async checkSecrets(user: UserRow, password: string, otp?: string): Promise<boolean> {
    const passwordOk = await verifyPassword(password, user.password_hash, user.password_params);
    if (!passwordOk) return false;
    if (!user.totp_secret) return true;
    if (!otp) return false;
    const step = matchTotp(user.totp_secret, otp, this.clock.now().getTime(), user.totp_last_step);
    if (step !== null) return this.users.claimTotpStep(user.id, step);
    const left = this.users.claimRecoveryCode(user.id, hashRecoveryCode(otp));
    if (left === null) return false;
    this.audit.append({ userId: user.id, username: user.username, role: user.role, action: 'U', eventType: 'recovery-code.used', outcome: 'success', detail: { left } });
    return true;
  }

  /**
   * Admits one attempt for `login` from `source`, or refuses it, in one synchronous (IMMEDIATE)
   * transaction before any hashing: the source's limit, the name's lockout, delay and in-flight lease, and the
   * attempt counted against both.
   */
  private admit(login: string, source: string): Admission | Refusal {
    const now = this.clock.now().getTime();
    return this.db.transaction((): Admission | Refusal => {
      const wait = this.sources.blockedFor(source, now);
      if (wait > 0) return { allowed: false, retryAfterMs: wait, locked: false, reason: 'source-limit' };
      const gate = this.throttle.begin(login, now);
      if (gate.allowed && this.sources.count(source, now)) {
        this.audit.append({ action: 'E', eventType: 'sign-in.source-blocked', outcome: 'success', detail: { source, alert: 'admin' } });
      }
      return gate;
    }).immediate(); // the write lock first: another process on the store cannot read the same state meanwhile
  }

  private succeeded(login: string, source: string): void {
    this.throttle.succeed(login);
    this.sources.succeeded(source);
  }

  /** A name just locked: audited as an alert for administrators. */
  private lockedOut(userId: number | null, who: { loginHmac: string; knownName: boolean }): void {
    this.audit.append({ userId, action: 'E', eventType: 'lockout', outcome: 'success', detail: { ...who, alert: 'admin' } });
  }

  private async proveIdentity(
    key: string,
    s: Session,
    password: string,
    otp: string | undefined,
    eventType: string,
    source: string,
    passwordOnly = false,
    extra: Record<string, string> = {},
  ): Promise<void> {
    const gate = this.admit(s.username, source);
    if (!gate.allowed) {
      this.audit.append({ ...actor(s), action: 'E', eventType, outcome: 'denied', detail: { ...extra, reason: gate.reason } });
      throw throttled(gate.retryAfterMs, gate.locked);
    }
    try {
      const user = this.users.byId(s.userId);
      const ok = !!user && !user.disabled_at && (passwordOnly ? await verifyPassword(password, user.password_hash, user.password_params) : await this.checkSecrets(user, password, otp));
      if (!ok) {
        this.audit.append({ ...actor(s), action: 'E', eventType, outcome: 'failure', detail: { ...extra, failures: gate.failures } });
        if (gate.locksIfFails) {
          this.sessions.close(key); // a locked-out account's session ends
          this.lockedOut(s.userId, this.loginRef(s.username, true));
        }
        throw new NtkError('AUTH_FAILED', 'That password (or code) is not right.');
      }
      this.succeeded(s.username, source);
      // A password change records its own event; unlock and re-authentication record the proof.
      if (!passwordOnly) this.audit.append({ ...actor(s), action: 'E', eventType, outcome: 'success', ...(Object.keys(extra).length ? { detail: extra } : {}) });
    } finally {
      this.throttle.release(s.username);
    }
  }

  /**
   * How failed and refused sign-ins name the login in the audit: a keyed hash of the normalized
   * name (so a password typed into the name field is not stored, and the same name can still be
   * followed across events) and whether such a user exists.
   */
  private loginRef(login: string, knownName: boolean): { loginHmac: string; knownName: boolean } {
    return { loginHmac: this.loginKey(login), knownName };
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

