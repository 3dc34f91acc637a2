/**
 * Elevated access: requests, decisions, grants and break-glass — the state machine, with every step
 * audited.
 *
 *   request:      pending → approved (a grant, possibly narrowed) → expired | revoked
 *                 pending → denied | withdrawn | expired (nobody decided in time)
 *   break-glass:  approved at once (after a fresh re-authentication) → expired | revoked,
 *                 plus an alert to every approver and a retrospective review that must be closed.
 *
 * Separation of duties: nobody approves their own request; only approver roles approve, and never the
 * requester's own role; scopes reaching V-confidentiality labels need a privacy officer among the
 * approvers; policy can ask for two distinct approvers.
 *
 * Running grants end on the monotonic clock (moving the wall clock neither extends nor ends them).
 * The wall-clock expiry is stored too; after a restart a grant keeps only the lesser of its wall-clock
 * remainder and its duration minus the time already used. The service is the view builder's
 * GrantSource: `activeGrants(userId)` answers from the live state on every call, so a revoke or an
 * expiry takes effect on the next call, and `onGrantEnded` tells open views to close.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { type ActiveGrant, type GrantLabel, type GrantScope } from '../../../shared/access-types';
import type { Purpose } from '../../../shared/purposes';
import type { AuditEventInput, AuditLog } from '../audit/audit-log';
import type { Session } from '../auth/sessions';
import type { Clock } from '../clock';
import { NtkError } from '../errors';
import { BREAK_GLASS_REASONS, DEFAULT_ACCESS_POLICY, maxMinutesFor, type AccessPolicy, type BreakGlassReason } from './policy';
import { AccessRepo, type RequestRow } from './repo';
import { checkScope, isWithin, normalizeScope, scopeLabels } from './scope';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
/** How often a running grant's used time is written down (and grant use audited, per grant). */
const PERSIST_EVERY_MS = MIN;

/** What a masked placeholder's opaque handle stands for; resolved in the main process only. */
export interface ResolvedHandle {
  patientId: number;
  encounterId: number | null;
  sectionCodes: string[];
  documentId: number;
}
export type HandleResolver = (sessionKey: string, handle: string) => ResolvedHandle | undefined;

export type GrantEndReason = 'expired' | 'revoked';
export type GrantEndedListener = (grant: ActiveGrant, why: GrantEndReason) => void;

export interface RequestInput {
  /** From a masked placeholder: the section behind the handle, in its encounter. */
  requestHandle?: string;
  /** From a menu: this encounter, or (with `dates`) this encounter's patient over a date range. */
  encounterId?: number;
  dates?: { from: string; to: string };
  sectionCodes?: string[];
  labels?: GrantLabel[];
  purpose: Purpose;
  justification: string;
  minutes?: number;
}

export interface BreakGlassInput {
  requestHandle?: string;
  encounterId?: number;
  reasonCode: BreakGlassReason;
  reasonText: string;
  minutes?: number;
}

interface Running {
  /** Monotonic deadline. */
  deadline: number;
  /** Monotonic time the current run started, and the time used before it (earlier runs of the app). */
  startedMono: number;
  usedBefore: number;
  lastPersist: number;
  lastUseAudit: number | null;
}

export class AccessService {
  readonly repo: AccessRepo;
  private readonly running = new Map<number, Running>();
  private readonly listeners = new Set<GrantEndedListener>();

  constructor(
    readonly db: Database,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
    private policy: AccessPolicy = DEFAULT_ACCESS_POLICY,
    private resolveHandle: HandleResolver = () => undefined,
  ) {
    this.repo = new AccessRepo(db);
    this.resume();
  }

  get currentPolicy(): AccessPolicy {
    return this.policy;
  }

  setPolicy(policy: AccessPolicy): void {
    this.policy = policy;
  }

  setHandleResolver(resolve: HandleResolver): void {
    this.resolveHandle = resolve;
  }

  onGrantEnded(fn: GrantEndedListener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  // --- requests ------------------------------------------------------------------

  request(s: Session, sessionKey: string, input: RequestInput): RequestRow {
    this.sweep();
    const p = this.policy;
    const justification = input.justification.trim();
    if (justification.length < p.minJustification) throw new NtkError('BAD_REQUEST', `Give a justification of at least ${p.minJustification} characters.`);
    const asked = input.minutes ?? p.defaultRequestMinutes;
    if (asked < 1 || asked > p.maxRequestMinutes) throw new NtkError('BAD_REQUEST', `Ask for at most ${p.maxRequestMinutes / 60} hours.`);
    const { scope, origin } = this.scopeFor(sessionKey, input);
    const labels = scopeLabels(this.db, scope);
    // Sensitive scopes get shorter grants (policy: access.grantDuration.maxMinutesByLabel).
    const minutes = Math.min(asked, maxMinutesFor(p, labels));
    const id = this.db.transaction(() => {
      const id = this.repo.insert({
        kind: 'request',
        requesterId: s.userId,
        requesterRole: s.role,
        origin,
        scope,
        scopeLabels: labels,
        purpose: input.purpose,
        justification,
        reasonCode: null,
        minutes,
        approvalsRequired: this.approvalsRequired(labels),
        needsPrivacyOfficer: this.needsPrivacyOfficer(labels),
        status: 'pending',
        now: this.nowIso(),
      });
      this.log(s, 'C', 'access.request', 'success', this.repo.get(id)!, { minutes, asked, origin });
      return id;
    })();
    return this.repo.get(id)!;
  }

  withdraw(s: Session, id: number): RequestRow {
    this.sweep();
    const r = this.must(id);
    if (r.requester_id !== s.userId) throw new NtkError('FORBIDDEN', 'Only the requester can withdraw a request.');
    if (r.status !== 'pending') throw new NtkError('CONFLICT', `This request is already ${r.status}.`);
    this.db.transaction(() => {
      this.repo.decide(id, 'withdrawn', s.userId, this.nowIso(), null);
      this.log(s, 'U', 'access.withdraw', 'success', r);
    })();
    return this.must(id);
  }

  /** One approval. With one approver required (or the last of two) the grant starts at once. */
  approve(s: Session, id: number, opts: { minutes?: number; scope?: GrantScope } = {}): RequestRow {
    this.sweep();
    const r = this.must(id);
    if (r.kind !== 'request' || r.status !== 'pending') throw new NtkError('CONFLICT', `This request is already ${r.status}.`);
    this.checkApprover(s, r);
    const approvals = this.repo.approvals(id);
    if (approvals.some((a) => a.approver_id === s.userId)) throw new NtkError('CONFLICT', 'You have already approved this request; it needs another approver.');

    let scope = JSON.parse(r.scope_json) as GrantScope;
    let labels = JSON.parse(r.scope_labels_json) as string[];
    if (opts.scope) {
      const narrowed = normalizeScope(opts.scope);
      checkScope(this.db, narrowed);
      if (!isWithin(narrowed, scope)) throw new NtkError('BAD_REQUEST', 'An approval can narrow the scope, never widen it.');
      scope = narrowed;
      labels = scopeLabels(this.db, scope);
    }
    const minutes = opts.minutes ?? r.requested_minutes;
    if (minutes < 1 || minutes > r.requested_minutes || minutes > this.policy.maxRequestMinutes) {
      throw new NtkError('BAD_REQUEST', 'An approval can shorten the duration, never lengthen it.');
    }
    const required = this.approvalsRequired(labels);
    const needsPo = this.needsPrivacyOfficer(labels);
    const hasPo = approvals.some((a) => a.approver_role === 'privacy_officer') || s.role === 'privacy_officer';
    const last = approvals.length + 1 >= required;
    if (needsPo && last && !hasPo) {
      this.refuse(s, r, 'privacy-officer-required');
      throw new NtkError('FORBIDDEN', 'This scope reaches restricted (V) content: a privacy officer must approve it.');
    }
    this.db.transaction(() => {
      if (opts.scope) this.repo.setScope(id, scope, labels, required, needsPo);
      const now = this.nowIso();
      this.repo.addApproval(id, s.userId, s.role, now, minutes);
      this.log(s, 'U', 'access.approve', 'success', this.must(id), { minutes, approval: approvals.length + 1, of: required, narrowed: !!opts.scope });
      if (last) {
        const granted = Math.min(minutes, ...approvals.map((a) => a.minutes));
        this.startGrant(this.must(id), s.userId, granted);
        this.log(s, 'U', 'access.grant', 'success', this.must(id), { minutes: granted });
      }
    })();
    return this.must(id);
  }

  deny(s: Session, id: number, reason: string): RequestRow {
    this.sweep();
    const r = this.must(id);
    if (r.kind !== 'request' || r.status !== 'pending') throw new NtkError('CONFLICT', `This request is already ${r.status}.`);
    if (r.requester_id === s.userId) {
      this.refuse(s, r, 'own-request');
      throw new NtkError('FORBIDDEN', 'You cannot decide your own request; withdraw it instead.');
    }
    if (!this.policy.approverRoles.includes(s.role)) {
      this.refuse(s, r, 'role');
      throw new NtkError('FORBIDDEN', 'Your role does not decide access requests.');
    }
    const why = reason.trim();
    if (why.length < 3) throw new NtkError('BAD_REQUEST', 'Give a reason for the denial.');
    this.db.transaction(() => {
      this.repo.decide(id, 'denied', s.userId, this.nowIso(), why);
      this.log(s, 'U', 'access.deny', 'success', r);
    })();
    return this.must(id);
  }

  /**
   * Ends a running grant now. Approvers (and administrators) revoke anyone's; a user may end their
   * own early. Takes effect on the next call; open views of the scope are told to close.
   */
  revoke(s: Session, id: number, reason: string): RequestRow {
    this.sweep();
    const r = this.must(id);
    if (r.status !== 'approved') throw new NtkError('CONFLICT', `This grant is not running (it is ${r.status}).`);
    const own = r.requester_id === s.userId;
    if (!own && !this.policy.approverRoles.includes(s.role) && s.role !== 'admin') {
      this.refuse(s, r, 'role');
      throw new NtkError('FORBIDDEN', 'Your role does not revoke access.');
    }
    const why = reason.trim() || (own ? 'ended by the user' : '');
    if (why.length < 3) throw new NtkError('BAD_REQUEST', 'Give a reason for the revocation.');
    this.endGrant(r, 'revoked', s, why);
    return this.must(id);
  }

  // --- break-glass -----------------------------------------------------------------

  /** Emergency access: a fresh re-authentication (checked by the caller), a reason, an immediate grant. */
  breakGlass(s: Session, sessionKey: string, input: BreakGlassInput): RequestRow {
    this.sweep();
    const p = this.policy;
    if (!BREAK_GLASS_REASONS.includes(input.reasonCode)) throw new NtkError('BAD_REQUEST', 'Pick a reason from the list.');
    const text = input.reasonText.trim();
    if (text.length < p.minJustification) throw new NtkError('BAD_REQUEST', `Describe the emergency in at least ${p.minJustification} characters.`);
    const minutes = input.minutes ?? p.breakGlassMinutes;
    if (minutes < 1 || minutes > p.maxBreakGlassMinutes) throw new NtkError('BAD_REQUEST', `Break-glass access lasts at most ${p.maxBreakGlassMinutes} minutes.`);
    const base = this.scopeFor(sessionKey, { requestHandle: input.requestHandle, encounterId: input.encounterId });
    if (base.scope.encounterId === undefined) throw new NtkError('BAD_REQUEST', 'Break-glass access is for one encounter.');
    const scope = this.breakGlassScope(base.scope);
    const labels = scopeLabels(this.db, scope);
    const id = this.db.transaction(() => {
      const now = this.nowIso();
      const id = this.repo.insert({
        kind: 'break_glass',
        requesterId: s.userId,
        requesterRole: s.role,
        origin: base.origin,
        scope,
        scopeLabels: labels,
        // The grant serves the work in hand: the session's declared purpose (the view builder matches on it).
        purpose: s.purpose?.purpose ?? 'treatment',
        justification: text,
        reasonCode: input.reasonCode,
        minutes,
        approvalsRequired: 0,
        needsPrivacyOfficer: false,
        status: 'pending',
        now,
      });
      this.startGrant(this.repo.get(id)!, null, minutes);
      this.repo.addReview(id, new Date(this.clock.now().getTime() + p.reviewWithinDays * DAY).toISOString());
      this.repo.addAlert(id, 'break_glass', now);
      this.log(s, 'E', 'access.breakglass.start', 'success', this.repo.get(id)!, { minutes, reasonCode: input.reasonCode });
      return id;
    })();
    return this.repo.get(id)!;
  }

  closeReview(s: Session, id: number, verdict: 'appropriate' | 'inappropriate', notes: string): RequestRow {
    this.sweep();
    const r = this.must(id);
    const review = this.repo.review(id);
    if (r.kind !== 'break_glass' || !review) throw new NtkError('NOT_FOUND', 'No such break-glass event.');
    if (review.reviewed_at) throw new NtkError('CONFLICT', 'This review is already closed.');
    if (r.requester_id === s.userId) {
      this.refuse(s, r, 'own-event');
      throw new NtkError('FORBIDDEN', 'Nobody reviews their own break-glass event.');
    }
    if (!this.policy.approverRoles.includes(s.role)) {
      this.refuse(s, r, 'role');
      throw new NtkError('FORBIDDEN', 'Your role does not review break-glass events.');
    }
    const text = notes.trim();
    if (text.length < 10) throw new NtkError('BAD_REQUEST', 'Write review notes of at least 10 characters.');
    const now = this.clock.now();
    const overdue = now.toISOString() > review.due_at;
    this.db.transaction(() => {
      this.repo.closeReview(id, s.userId, now.toISOString(), verdict, text);
      this.log(s, 'U', 'access.review.close', 'success', r, { verdict, overdue });
    })();
    return r;
  }

  // --- the view builder's grant source ------------------------------------------

  /** The user's running grants, checked against the monotonic clock on every call. */
  activeGrants(userId: number): ActiveGrant[] {
    this.sweep();
    const mono = this.clock.monotonicMs();
    const out: ActiveGrant[] = [];
    for (const r of this.repo.activeFor(userId)) {
      const run = this.running.get(r.id);
      if (!run) continue;
      out.push(toGrant(r));
      if (run.lastUseAudit === null || mono - run.lastUseAudit >= PERSIST_EVERY_MS) {
        run.lastUseAudit = mono;
        this.log({ userId: r.requester_id, username: this.repo.user(r.requester_id)?.username ?? null, role: r.requester_role }, 'R', 'access.grant.use', 'success', r);
      }
    }
    return out;
  }

  /** True while the grant runs: a view builder checks it again before it hands out what a grant opened. */
  isActive(grantId: number): boolean {
    this.sweep();
    return this.running.has(grantId);
  }

  /** Monotonic milliseconds left on a running grant (0 when not running). */
  remainingMs(grantId: number): number {
    const run = this.running.get(grantId);
    return run ? Math.max(0, run.deadline - this.clock.monotonicMs()) : 0;
  }

  /** Ends every grant whose monotonic deadline passed and every pending request nobody decided in time. */
  sweep(): void {
    if (this.db.readonly) return;
    const mono = this.clock.monotonicMs();
    for (const [id, run] of this.running) {
      if (mono >= run.deadline) {
        const r = this.repo.get(id);
        if (r?.status === 'approved') this.endGrant(r, 'expired', null, null);
        else this.running.delete(id);
      } else if (mono - run.lastPersist >= PERSIST_EVERY_MS) {
        run.lastPersist = mono;
        this.repo.setElapsed(id, run.usedBefore + (mono - run.startedMono));
      }
    }
    const cutoff = new Date(this.clock.now().getTime() - this.policy.pendingExpiryHours * 3_600_000).toISOString();
    for (const r of this.repo.byStatus('pending')) {
      if (r.created_at > cutoff) continue;
      this.db.transaction(() => {
        this.repo.decide(r.id, 'expired', null, this.nowIso(), 'not decided in time');
        this.log(systemActor, 'U', 'access.expire', 'success', r, { stage: 'pending' });
      })();
    }
  }

  /** Writes down how long each running grant has been used (on close, so a restart is conservative). */
  persist(): void {
    const mono = this.clock.monotonicMs();
    for (const [id, run] of this.running) this.repo.setElapsed(id, run.usedBefore + (mono - run.startedMono));
  }

  // --- internals ----------------------------------------------------------------------

  private resume(): void {
    if (this.db.readonly) return; // `ntk info` reads the store without changing it
    const mono = this.clock.monotonicMs();
    const wall = this.clock.now().getTime();
    for (const r of this.repo.byStatus('approved')) {
      const byWall = Date.parse(r.expires_at ?? '') - wall;
      const byUse = (r.granted_minutes ?? 0) * MIN - r.elapsed_ms;
      const left = Math.min(byWall, byUse);
      if (!(left > 0)) {
        this.endGrant(r, 'expired', null, null, r.elapsed_ms);
        continue;
      }
      this.running.set(r.id, { deadline: mono + left, startedMono: mono, usedBefore: r.elapsed_ms, lastPersist: mono, lastUseAudit: null });
    }
  }

  private startGrant(r: RequestRow, by: number | null, minutes: number): void {
    const now = this.clock.now();
    const mono = this.clock.monotonicMs();
    this.repo.grant(r.id, by, now.toISOString(), minutes, new Date(now.getTime() + minutes * MIN).toISOString());
    this.running.set(r.id, { deadline: mono + minutes * MIN, startedMono: mono, usedBefore: 0, lastPersist: mono, lastUseAudit: null });
  }

  private endGrant(r: RequestRow, why: GrantEndReason, s: Session | null, reason: string | null, elapsedOverride?: number): void {
    const run = this.running.get(r.id);
    const mono = this.clock.monotonicMs();
    const used = elapsedOverride ?? (run ? Math.min(run.usedBefore + (mono - run.startedMono), (r.granted_minutes ?? 0) * MIN) : r.elapsed_ms);
    this.running.delete(r.id);
    this.db.transaction(() => {
      this.repo.end(r.id, why, s?.userId ?? null, this.nowIso(), reason, used);
      const who = s ?? systemActor;
      const detail = { usedMinutes: Math.round(used / MIN), byOwner: s ? s.userId === r.requester_id : false };
      this.log(who, 'U', why === 'expired' ? 'access.expire' : 'access.revoke', 'success', r, { ...detail, stage: 'grant' });
      if (r.kind === 'break_glass') this.log(who, 'E', 'access.breakglass.stop', 'success', r, { ...detail, why });
    })();
    const grant = toGrant(r);
    for (const fn of this.listeners) fn(grant, why);
  }

  private scopeFor(sessionKey: string, input: Pick<RequestInput, 'requestHandle' | 'encounterId' | 'dates' | 'sectionCodes' | 'labels'>): { scope: GrantScope; origin: 'handle' | 'manual' } {
    if (input.requestHandle !== undefined) {
      if (input.encounterId !== undefined || input.dates || input.sectionCodes?.length || input.labels?.length) {
        throw new NtkError('BAD_REQUEST', 'A request from a placeholder names nothing else.');
      }
      const h = this.resolveHandle(sessionKey, input.requestHandle);
      if (!h) throw new NtkError('NOT_FOUND', 'That placeholder is no longer open; reopen the document and try again.');
      const scope = normalizeScope(h.encounterId !== null ? { patientId: h.patientId, encounterId: h.encounterId, sectionCodes: h.sectionCodes } : this.documentDayScope(h));
      checkScope(this.db, scope);
      return { scope, origin: 'handle' };
    }
    if (input.encounterId === undefined) throw new NtkError('BAD_REQUEST', 'Name the encounter (or request from a placeholder).');
    const e = this.db.prepare('SELECT patient_id FROM encounter WHERE id = ?').get(input.encounterId) as { patient_id: number } | undefined;
    if (!e) throw new NtkError('NOT_FOUND', 'No such encounter.');
    const scope = normalizeScope({
      patientId: e.patient_id,
      ...(input.dates ? { from: input.dates.from, to: input.dates.to } : { encounterId: input.encounterId }),
      sectionCodes: input.sectionCodes,
      labels: input.labels,
    });
    checkScope(this.db, scope);
    return { scope, origin: 'manual' };
  }

  /** A document outside any encounter: its section on the document's own day. */
  private documentDayScope(h: ResolvedHandle): GrantScope {
    const d = this.db.prepare('SELECT substr(authored_at, 1, 10) AS day FROM document WHERE id = ?').get(h.documentId) as { day: string | null } | undefined;
    if (!d?.day) throw new NtkError('BAD_REQUEST', 'This document has no date; request access by encounter instead.');
    return { patientId: h.patientId, from: d.day, to: d.day, sectionCodes: h.sectionCodes };
  }

  /**
   * Break-glass opens the whole encounter; what policy keeps closed even then (psychotherapy notes)
   * stays closed by the view decision (decide.ts opens PSYTHPN only for a request grant naming it).
   * The scope never depends on what the encounter holds: a scope listing the codes free of
   * psychotherapy notes, shown in the reply, told the requester such a note was there.
   */
  private breakGlassScope(base: GrantScope): GrantScope {
    return normalizeScope({ patientId: base.patientId, encounterId: base.encounterId });
  }

  /** Why this user may not approve this pending request as it stands (null: they may). For the inbox. */
  approvalBlocker(s: Session, r: RequestRow): string | null {
    if (r.requester_id === s.userId) return 'Your own request';
    if (!this.policy.approverRoles.includes(s.role)) return 'Your role does not approve';
    if (s.role === r.requester_role) return "The requester's role cannot approve";
    const approvals = this.repo.approvals(r.id);
    if (approvals.some((a) => a.approver_id === s.userId)) return 'You approved it; another approver is needed';
    const hasPo = approvals.some((a) => a.approver_role === 'privacy_officer') || s.role === 'privacy_officer';
    if (r.needs_privacy_officer && approvals.length + 1 >= r.approvals_required && !hasPo) return 'Needs a privacy officer';
    return null;
  }

  private checkApprover(s: Session, r: RequestRow): void {
    if (r.requester_id === s.userId) {
      this.refuse(s, r, 'own-request');
      throw new NtkError('FORBIDDEN', 'Nobody approves their own request.');
    }
    if (!this.policy.approverRoles.includes(s.role)) {
      this.refuse(s, r, 'role');
      throw new NtkError('FORBIDDEN', 'Your role does not approve access requests.');
    }
    if (s.role === r.requester_role) {
      this.refuse(s, r, 'same-role');
      throw new NtkError('FORBIDDEN', "The requester's own role cannot approve this request.");
    }
  }

  private needsPrivacyOfficer(labels: string[]): boolean {
    return labels.some((l) => this.policy.privacyOfficerLabels.includes(l as GrantLabel));
  }

  private approvalsRequired(labels: string[]): number {
    return this.policy.twoApprovers || labels.some((l) => this.policy.twoApproverLabels.includes(l as GrantLabel)) ? 2 : 1;
  }

  private refuse(s: Session, r: RequestRow, why: string): void {
    this.log(s, 'U', 'access.decision', 'denied', r, { refused: why });
  }

  private must(id: number): RequestRow {
    const r = this.repo.get(id);
    if (!r) throw new NtkError('NOT_FOUND', 'No such access request.');
    return r;
  }

  private log(
    who: Pick<AuditEventInput, 'userId' | 'username' | 'role'>,
    action: AuditEventInput['action'],
    eventType: string,
    outcome: AuditEventInput['outcome'],
    r: RequestRow,
    detail: Record<string, string | number | boolean | null> = {},
  ): void {
    const scope = JSON.parse(r.scope_json) as GrantScope;
    this.audit.append({
      userId: who.userId ?? null,
      username: who.username ?? null,
      role: who.role ?? null,
      purpose: r.purpose,
      action,
      eventType,
      outcome,
      patientId: r.patient_id,
      encounterId: r.encounter_id,
      sectionCode: scope.sectionCodes?.length === 1 ? scope.sectionCodes[0] : null,
      labels: JSON.parse(r.scope_labels_json) as string[],
      detail: { requestId: r.id, kind: r.kind, requesterId: r.requester_id, ...detail },
    });
  }

  private nowIso(): string {
    return this.clock.now().toISOString();
  }
}

const systemActor = { userId: null, username: 'system', role: null };

export function toGrant(r: RequestRow): ActiveGrant {
  return { id: r.id, userId: r.requester_id, purpose: r.purpose as Purpose, kind: r.kind, scope: JSON.parse(r.scope_json) as GrantScope };
}
