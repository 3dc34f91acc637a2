/** SQL for access requests, approvals, break-glass reviews and alerts (see migration 0006). */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { StatementCache } from '../db/statements';
import type { GrantScope } from '../../../shared/access-types';

export type RequestStatus = 'pending' | 'approved' | 'denied' | 'withdrawn' | 'expired' | 'revoked';

export interface RequestRow {
  id: number;
  kind: 'request' | 'break_glass';
  requester_id: number;
  requester_role: string;
  origin: 'handle' | 'manual';
  patient_id: number;
  encounter_id: number | null;
  requested_scope_json: string;
  scope_json: string;
  scope_labels_json: string;
  purpose: string;
  justification: string;
  reason_code: string | null;
  requested_minutes: number;
  approvals_required: number;
  needs_privacy_officer: number;
  status: RequestStatus;
  created_at: string;
  decided_at: string | null;
  decided_by: number | null;
  decision_reason: string | null;
  granted_at: string | null;
  granted_minutes: number | null;
  expires_at: string | null;
  elapsed_ms: number;
  ended_at: string | null;
  ended_by: number | null;
  end_reason: string | null;
}

export interface ApprovalRow {
  request_id: number;
  approver_id: number;
  approver_role: string;
  approved_at: string;
  minutes: number;
  username: string;
}

export interface NewRequest {
  kind: RequestRow['kind'];
  requesterId: number;
  requesterRole: string;
  origin: RequestRow['origin'];
  scope: GrantScope;
  scopeLabels: string[];
  purpose: string;
  justification: string;
  reasonCode: string | null;
  minutes: number;
  approvalsRequired: number;
  needsPrivacyOfficer: boolean;
  status: RequestStatus;
  now: string;
}

export class AccessRepo {
  private readonly stmts: StatementCache;

  constructor(db: Database) {
    this.stmts = new StatementCache(db);
  }

  insert(r: NewRequest): number {
    const scope = JSON.stringify(r.scope);
    return Number(
      this.stmts
        .get(
          `INSERT INTO access_request (kind, requester_id, requester_role, origin, patient_id, encounter_id, requested_scope_json, scope_json,
             scope_labels_json, purpose, justification, reason_code, requested_minutes, approvals_required, needs_privacy_officer, status, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          r.kind,
          r.requesterId,
          r.requesterRole,
          r.origin,
          r.scope.patientId,
          r.scope.encounterId ?? null,
          scope,
          scope,
          JSON.stringify(r.scopeLabels),
          r.purpose,
          r.justification,
          r.reasonCode,
          r.minutes,
          r.approvalsRequired,
          r.needsPrivacyOfficer ? 1 : 0,
          r.status,
          r.now,
        ).lastInsertRowid,
    );
  }

  get(id: number): RequestRow | undefined {
    return this.stmts.get('SELECT * FROM access_request WHERE id = ?').get(id) as RequestRow | undefined;
  }

  byStatus(status: RequestStatus): RequestRow[] {
    return this.stmts.get('SELECT * FROM access_request WHERE status = ? ORDER BY id').all(status) as RequestRow[];
  }

  forRequester(userId: number, limit = 100): RequestRow[] {
    return this.stmts.get('SELECT * FROM access_request WHERE requester_id = ? ORDER BY id DESC LIMIT ?').all(userId, limit) as RequestRow[];
  }

  recent(limit: number): RequestRow[] {
    return this.stmts.get('SELECT * FROM access_request ORDER BY id DESC LIMIT ?').all(limit) as RequestRow[];
  }

  activeFor(userId: number): RequestRow[] {
    return this.stmts.get("SELECT * FROM access_request WHERE requester_id = ? AND status = 'approved' ORDER BY id").all(userId) as RequestRow[];
  }

  /** How a requester's past requests ended (for the approver's context), since `since`. */
  history(userId: number, since: string): Record<string, number> {
    const rows = this.stmts
      .get("SELECT CASE WHEN kind = 'break_glass' THEN 'break_glass' ELSE status END AS k, COUNT(*) AS n FROM access_request WHERE requester_id = ? AND created_at >= ? GROUP BY k")
      .all(userId, since) as Array<{ k: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.k, r.n]));
  }

  approvals(requestId: number): ApprovalRow[] {
    return this.stmts
      .get('SELECT a.*, u.username FROM access_approval a JOIN app_user u ON u.id = a.approver_id WHERE a.request_id = ? ORDER BY a.approved_at, a.approver_id')
      .all(requestId) as ApprovalRow[];
  }

  addApproval(requestId: number, approverId: number, role: string, now: string, minutes: number): void {
    this.stmts.get('INSERT INTO access_approval (request_id, approver_id, approver_role, approved_at, minutes) VALUES (?, ?, ?, ?, ?)').run(requestId, approverId, role, now, minutes);
  }

  setScope(id: number, scope: GrantScope, labels: string[], approvalsRequired: number, needsPo: boolean): void {
    this.stmts
      .get('UPDATE access_request SET scope_json = ?, scope_labels_json = ?, approvals_required = ?, needs_privacy_officer = ? WHERE id = ?')
      .run(JSON.stringify(scope), JSON.stringify(labels), approvalsRequired, needsPo ? 1 : 0, id);
  }

  grant(id: number, by: number | null, now: string, minutes: number, expiresAt: string): void {
    this.stmts
      .get("UPDATE access_request SET status = 'approved', decided_at = ?, decided_by = ?, granted_at = ?, granted_minutes = ?, expires_at = ?, elapsed_ms = 0 WHERE id = ?")
      .run(now, by, now, minutes, expiresAt, id);
  }

  decide(id: number, status: 'denied' | 'withdrawn' | 'expired', by: number | null, now: string, reason: string | null): void {
    this.stmts.get('UPDATE access_request SET status = ?, decided_at = ?, decided_by = ?, decision_reason = ? WHERE id = ?').run(status, now, by, reason, id);
  }

  end(id: number, status: 'expired' | 'revoked', by: number | null, now: string, reason: string | null, elapsedMs: number): void {
    this.stmts.get('UPDATE access_request SET status = ?, ended_at = ?, ended_by = ?, end_reason = ?, elapsed_ms = ? WHERE id = ?').run(status, now, by, reason, Math.round(elapsedMs), id);
  }

  setElapsed(id: number, elapsedMs: number): void {
    // The system monotonic clock has fractions of a millisecond; the column is INTEGER.
    this.stmts.get('UPDATE access_request SET elapsed_ms = ? WHERE id = ?').run(Math.round(elapsedMs), id);
  }

  // --- break-glass reviews and alerts -------------------------------------------

  addReview(requestId: number, dueAt: string): void {
    this.stmts.get('INSERT INTO break_glass_review (request_id, due_at) VALUES (?, ?)').run(requestId, dueAt);
  }

  review(requestId: number): { request_id: number; due_at: string; reviewed_at: string | null; reviewer_id: number | null; verdict: string | null; notes: string | null } | undefined {
    return this.stmts.get('SELECT * FROM break_glass_review WHERE request_id = ?').get(requestId) as never;
  }

  closeReview(requestId: number, reviewerId: number, now: string, verdict: string, notes: string): void {
    this.stmts.get('UPDATE break_glass_review SET reviewed_at = ?, reviewer_id = ?, verdict = ?, notes = ? WHERE request_id = ?').run(now, reviewerId, verdict, notes, requestId);
  }

  reviews(open: boolean): Array<{ request_id: number; due_at: string; reviewed_at: string | null; reviewer_id: number | null; verdict: string | null; notes: string | null }> {
    return this.stmts
      .get(`SELECT * FROM break_glass_review WHERE reviewed_at IS ${open ? '' : 'NOT '}NULL ORDER BY due_at, request_id LIMIT 500`)
      .all() as never;
  }

  addAlert(requestId: number, kind: string, now: string): void {
    this.stmts.get('INSERT INTO access_alert (request_id, kind, created_at) VALUES (?, ?, ?)').run(requestId, kind, now);
  }

  unackedAlerts(userId: number): Array<{ id: number; request_id: number; kind: string; created_at: string }> {
    return this.stmts
      .get('SELECT * FROM access_alert a WHERE NOT EXISTS (SELECT 1 FROM access_alert_ack k WHERE k.alert_id = a.id AND k.user_id = ?) ORDER BY a.id DESC LIMIT 100')
      .all(userId) as never;
  }

  ackAlerts(userId: number, now: string): number {
    return this.stmts
      .get('INSERT OR IGNORE INTO access_alert_ack (alert_id, user_id, acked_at) SELECT id, ?, ? FROM access_alert')
      .run(userId, now).changes;
  }

  user(id: number): { id: number; username: string; display_name: string; role: string } | undefined {
    return this.stmts.get('SELECT id, username, display_name, role FROM app_user WHERE id = ?').get(id) as never;
  }
}
