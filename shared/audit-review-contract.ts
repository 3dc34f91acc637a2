/** Audit review calls (privacy officer / auditor): per-user timeline, unusual-access flags, metrics. */
import { z } from 'zod';

const Range = {
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  /** The reviewer's offset from UTC in minutes, so days and business hours are local. */
  utcOffsetMinutes: z.number().int().min(-840).max(840).default(0),
};

export const FLAG_KINDS = ['volume', 'after-hours', 'same-last-name', 'vip', 'employee', 'masked-requests'] as const;

export const AccessFlagView = z.object({
  kind: z.enum(FLAG_KINDS),
  userId: z.number().int(),
  username: z.string(),
  patientId: z.number().int().nullable(),
  day: z.string(),
  count: z.number().int(),
  baseline: z.number().nullable(),
  seqs: z.array(z.number().int()),
  why: z.string(),
});
export type AccessFlagView = z.infer<typeof AccessFlagView>;

export const TimelineDayView = z.object({
  day: z.string(),
  events: z.number().int(),
  patientAccess: z.number().int(),
  patients: z.number().int(),
  afterHours: z.number().int(),
  denied: z.number().int(),
  byType: z.array(z.object({ eventType: z.string(), count: z.number().int() })),
  hours: z.array(z.number().int()),
});
export type TimelineDayView = z.infer<typeof TimelineDayView>;

const AccessFigures = z.object({
  requests: z.object({ total: z.number().int(), approved: z.number().int(), denied: z.number().int(), pending: z.number().int() }),
  medianMinutesToDecide: z.number().nullable(),
  breakGlass: z.object({ events: z.number().int(), reviewed: z.number().int(), unreviewed: z.number().int(), overdue: z.number().int() }),
  revoked: z.number().int(),
  medianMinutesToRevoke: z.number().nullable(),
});

export const AuditMetricsView = z.object({
  range: z.object({ from: z.string(), to: z.string() }),
  events: z.number().int(),
  users: z.number().int(),
  logins: z.object({ success: z.number().int(), failed: z.number().int(), lockouts: z.number().int() }),
  patientAccess: z.object({ events: z.number().int(), patients: z.number().int(), users: z.number().int() }),
  exports: z.number().int(),
  purges: z.object({ patients: z.number().int() }),
  accessEvents: z.object({ requests: z.number().int(), approvals: z.number().int(), denials: z.number().int(), breakGlass: z.number().int(), revocations: z.number().int() }),
  access: AccessFigures.nullable(),
});
export type AuditMetricsView = z.infer<typeof AuditMetricsView>;

export const auditReviewContract = {
  auditTimeline: {
    request: z.object({ username: z.string().min(1).max(64), ...Range }).strict(),
    response: z.object({ user: z.object({ id: z.number().int(), username: z.string(), displayName: z.string() }), days: z.array(TimelineDayView) }),
  },
  auditFlags: { request: z.object(Range).strict(), response: z.array(AccessFlagView) },
  auditMetrics: { request: z.object(Range).strict(), response: AuditMetricsView },
} as const;
