/**
 * Figures for the audit dashboard: how access requests were decided and how fast, break-glass events
 * and their reviews, and revocations. Plain functions over the store, so the audit review can call
 * them without the access service.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface TimeRange {
  /** ISO date-times, inclusive; requests created (or grants revoked) within count. */
  from: string;
  to: string;
}

export interface AccessMetrics {
  range: TimeRange;
  requests: { total: number; approved: number; denied: number; withdrawn: number; expiredUndecided: number; pending: number };
  /** Median minutes from request to decision (approve or deny), over requests decided in the range. */
  medianMinutesToDecide: number | null;
  breakGlass: { events: number; reviewed: number; unreviewed: number; overdue: number; inappropriate: number };
  /** Grants revoked in the range, and the median minutes from grant start to the revocation. */
  revoked: number;
  medianMinutesToRevoke: number | null;
}

export interface OverdueReview {
  requestId: number;
  userId: number;
  username: string;
  startedAt: string;
  dueAt: string;
  daysOverdue: number;
}

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return Math.round((s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2) * 10) / 10;
};
const minutesBetween = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 60_000;

export function accessMetrics(db: Database, range: TimeRange, now: Date = new Date()): AccessMetrics {
  const reqs = db
    .prepare("SELECT status, granted_at, decided_at, created_at FROM access_request WHERE kind = 'request' AND created_at >= ? AND created_at <= ?")
    .all(range.from, range.to) as Array<{ status: string; granted_at: string | null; decided_at: string | null; created_at: string }>;
  const count = (f: (r: (typeof reqs)[number]) => boolean) => reqs.filter(f).length;
  const decided = db
    .prepare("SELECT created_at, decided_at FROM access_request WHERE kind = 'request' AND decided_by IS NOT NULL AND status != 'withdrawn' AND decided_at >= ? AND decided_at <= ?")
    .all(range.from, range.to) as Array<{ created_at: string; decided_at: string }>;
  const bg = db
    .prepare(
      `SELECT r.id, v.due_at, v.reviewed_at, v.verdict FROM access_request r JOIN break_glass_review v ON v.request_id = r.id
       WHERE r.kind = 'break_glass' AND r.created_at >= ? AND r.created_at <= ?`,
    )
    .all(range.from, range.to) as Array<{ due_at: string; reviewed_at: string | null; verdict: string | null }>;
  const nowIso = now.toISOString();
  const revoked = db
    .prepare("SELECT granted_at, ended_at FROM access_request WHERE status = 'revoked' AND ended_at >= ? AND ended_at <= ?")
    .all(range.from, range.to) as Array<{ granted_at: string; ended_at: string }>;
  return {
    range,
    requests: {
      total: reqs.length,
      approved: count((r) => r.granted_at !== null),
      denied: count((r) => r.status === 'denied'),
      withdrawn: count((r) => r.status === 'withdrawn'),
      expiredUndecided: count((r) => r.status === 'expired' && r.granted_at === null),
      pending: count((r) => r.status === 'pending'),
    },
    medianMinutesToDecide: median(decided.map((r) => minutesBetween(r.created_at, r.decided_at))),
    breakGlass: {
      events: bg.length,
      reviewed: bg.filter((r) => r.reviewed_at).length,
      unreviewed: bg.filter((r) => !r.reviewed_at).length,
      overdue: bg.filter((r) => !r.reviewed_at && r.due_at < nowIso).length,
      inappropriate: bg.filter((r) => r.verdict === 'inappropriate').length,
    },
    revoked: revoked.length,
    medianMinutesToRevoke: median(revoked.map((r) => minutesBetween(r.granted_at, r.ended_at))),
  };
}

/** Break-glass reviews still open past their due date, oldest first. */
export function overdueReviews(db: Database, now: Date = new Date()): OverdueReview[] {
  const rows = db
    .prepare(
      `SELECT r.id, r.requester_id, u.username, r.created_at, v.due_at FROM break_glass_review v
       JOIN access_request r ON r.id = v.request_id JOIN app_user u ON u.id = r.requester_id
       WHERE v.reviewed_at IS NULL AND v.due_at < ? ORDER BY v.due_at`,
    )
    .all(now.toISOString()) as Array<{ id: number; requester_id: number; username: string; created_at: string; due_at: string }>;
  return rows.map((r) => ({
    requestId: r.id,
    userId: r.requester_id,
    username: r.username,
    startedAt: r.created_at,
    dueAt: r.due_at,
    daysOverdue: Math.floor((now.getTime() - Date.parse(r.due_at)) / 86_400_000),
  }));
}
