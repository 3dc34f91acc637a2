/**
 * Audit review metrics over a time range. From the audit log itself: sign-ins, lockouts, patient
 * access, exports, purges, access requests and break-glass as recorded events. The access service's
 * own figures (decision times, unreviewed break-glass, time to revoke) come from its tables through
 * an injected function once that service is present.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { isPatientAccess, type ReviewEvent } from './events';

export interface AccessFigures {
  requests: { total: number; approved: number; denied: number; pending: number };
  medianMinutesToDecide: number | null;
  breakGlass: { events: number; reviewed: number; unreviewed: number; overdue: number };
  revoked: number;
  medianMinutesToRevoke: number | null;
}

export type AccessMetricsSource = (db: Database, range: { from: string; to: string }, now: Date) => AccessFigures;

export interface AuditMetrics {
  range: { from: string; to: string };
  events: number;
  users: number;
  logins: { success: number; failed: number; lockouts: number };
  patientAccess: { events: number; patients: number; users: number };
  exports: number;
  purges: { patients: number };
  /** As recorded in the audit trail. */
  accessEvents: { requests: number; approvals: number; denials: number; breakGlass: number; revocations: number };
  /** From the access service's tables; null where it is not part of this build. */
  access: AccessFigures | null;
}

export function auditMetrics(events: readonly ReviewEvent[], range: { from: string; to: string }, access: AccessFigures | null): AuditMetrics {
  const count = (f: (e: ReviewEvent) => boolean) => events.filter(f).length;
  const type = (t: string) => (e: ReviewEvent) => e.eventType === t;
  const access_ = events.filter(isPatientAccess);
  return {
    range,
    events: events.length,
    users: new Set(events.map((e) => e.userId).filter((x) => x !== null)).size,
    logins: {
      success: count((e) => e.eventType === 'login' && e.outcome === 'success'),
      failed: count((e) => e.eventType === 'login' && e.outcome !== 'success'),
      lockouts: count(type('lockout')),
    },
    patientAccess: { events: access_.length, patients: new Set(access_.map((e) => e.patientId)).size, users: new Set(access_.map((e) => e.userId)).size },
    exports: count((e) => /\.export$|packet\.send/.test(e.eventType)),
    purges: { patients: count(type('retention.purge')) },
    accessEvents: {
      requests: count(type('access.request')),
      approvals: count(type('access.approve')),
      denials: count(type('access.deny')),
      breakGlass: count(type('access.breakglass.start')),
      revocations: count(type('access.revoke')),
    },
    access,
  };
}
