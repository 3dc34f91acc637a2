/**
 * Elevated access calls: requests (from a masked placeholder's opaque handle or from a menu), the
 * supervisor inbox and decisions, revocation, break-glass, alerts, the review queue and the metrics
 * the audit dashboard shows. Who asks, and with which role, comes from the main-process session.
 */
import { z } from 'zod';
import { GRANT_LABELS } from './access-types';
import { Handle, PurposeSchema } from './chart-contract';

export const BREAK_GLASS_REASON_CODES = ['patient-safety', 'urgent-treatment', 'legal-deadline', 'system-outage', 'other'] as const;
export const BREAK_GLASS_REASON_LABELS: Record<(typeof BREAK_GLASS_REASON_CODES)[number], string> = {
  'patient-safety': 'Patient safety concern',
  'urgent-treatment': 'Urgent treatment decision',
  'legal-deadline': 'Legal or regulatory deadline',
  'system-outage': 'Normal request path unavailable',
  other: 'Other (explain below)',
};

const Id = z.number().int().positive();
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const LabelSchema = z.enum(GRANT_LABELS);
const SectionCode = z.string().trim().min(1).max(32);
const Minutes = z.number().int().min(1).max(24 * 60);
const Reason = z.string().trim().min(3).max(500);

export const AccessScopeView = z.object({
  patientId: z.number().int(),
  encounterId: z.number().int().nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** Empty for the requester of a placeholder request (what is behind it stays unsaid). */
  sectionCodes: z.array(z.string()),
  labels: z.array(z.string()),
  /** One line a person reads: "Encounter 12 · sections 29762-2". */
  summary: z.string(),
});

export const AccessRequestView = z.object({
  id: z.number().int(),
  kind: z.enum(['request', 'break_glass']),
  status: z.enum(['pending', 'approved', 'denied', 'withdrawn', 'expired', 'revoked']),
  requester: z.object({ id: z.number().int(), username: z.string(), displayName: z.string(), role: z.string() }),
  origin: z.enum(['handle', 'manual']),
  scope: AccessScopeView,
  /** DS4P labels the scope reaches: shown to approvers only (empty for the requester). */
  scopeLabels: z.array(z.string()),
  purpose: z.string(),
  justification: z.string(),
  reasonCode: z.string().nullable(),
  requestedMinutes: z.number().int(),
  approvals: z.array(z.object({ username: z.string(), role: z.string(), minutes: z.number().int() })),
  approvalsRequired: z.number().int(),
  needsPrivacyOfficer: z.boolean(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  grantedAt: z.string().nullable(),
  grantedMinutes: z.number().int().nullable(),
  expiresAt: z.string().nullable(),
  /** Minutes left on a running grant, by the monotonic clock. */
  remainingMinutes: z.number().int().nullable(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  /** Inbox only: whether this viewer may approve, and if not why. */
  canApprove: z.boolean().optional(),
  cannotApproveReason: z.string().nullable().optional(),
  /** Inbox only: the requester's last 30 days (counts by outcome) and break-glass uses. */
  history: z.record(z.string(), z.number().int()).optional(),
});
export type AccessRequestView = z.infer<typeof AccessRequestView>;

export const AccessPolicyView = z.object({
  maxRequestMinutes: z.number().int(),
  defaultRequestMinutes: z.number().int(),
  breakGlassMinutes: z.number().int(),
  maxBreakGlassMinutes: z.number().int(),
  reviewWithinDays: z.number().int(),
  minJustification: z.number().int(),
});

export const ReviewView = z.object({
  event: AccessRequestView,
  dueAt: z.string(),
  overdue: z.boolean(),
  reviewedAt: z.string().nullable(),
  reviewer: z.string().nullable(),
  verdict: z.enum(['appropriate', 'inappropriate']).nullable(),
  notes: z.string().nullable(),
});
export type ReviewView = z.infer<typeof ReviewView>;

export const AccessAlerts = z.object({
  /** Requests this user could act on. */
  pending: z.number().int(),
  openReviews: z.number().int(),
  overdueReviews: z.number().int(),
  /** Break-glass events this user has not acknowledged yet, newest first. */
  breakGlass: z.array(z.object({ alertId: z.number().int(), requestId: z.number().int(), username: z.string(), reasonCode: z.string().nullable(), startedAt: z.string(), encounterId: z.number().int().nullable() })),
  /** The number on the badge. */
  badge: z.number().int(),
});
export type AccessAlerts = z.infer<typeof AccessAlerts>;

export const AccessMetricsView = z.object({
  range: z.object({ from: z.string(), to: z.string() }),
  requests: z.object({ total: z.number().int(), approved: z.number().int(), denied: z.number().int(), withdrawn: z.number().int(), expiredUndecided: z.number().int(), pending: z.number().int() }),
  medianMinutesToDecide: z.number().nullable(),
  breakGlass: z.object({ events: z.number().int(), reviewed: z.number().int(), unreviewed: z.number().int(), overdue: z.number().int(), inappropriate: z.number().int() }),
  revoked: z.number().int(),
  medianMinutesToRevoke: z.number().nullable(),
});

const DecisionOutcome = z.object({ id: z.number().int(), ok: z.boolean(), status: z.string().nullable(), error: z.object({ code: z.string(), message: z.string() }).nullable() });

export const accessContract = {
  accessPolicy: { request: z.object({}).strict(), response: AccessPolicyView },
  requestAccess: {
    request: z
      .object({
        requestHandle: Handle.optional(),
        encounterId: Id.optional(),
        /** With encounterId: the encounter's patient over these dates instead of the encounter. */
        dates: z.object({ from: IsoDate, to: IsoDate }).strict().optional(),
        sectionCodes: z.array(SectionCode).max(50).optional(),
        labels: z.array(LabelSchema).max(GRANT_LABELS.length).optional(),
        purpose: PurposeSchema,
        justification: z.string().trim().min(20).max(2000),
        minutes: Minutes.optional(),
      })
      .strict()
      .refine((r) => (r.requestHandle === undefined) !== (r.encounterId === undefined), { message: 'Give a placeholder handle or an encounter, not both.' }),
    response: AccessRequestView,
  },
  withdrawAccessRequest: { request: z.object({ requestId: Id }).strict(), response: AccessRequestView },
  myAccessRequests: { request: z.object({}).strict(), response: z.array(AccessRequestView) },
  accessInbox: { request: z.object({ include: z.enum(['pending', 'recent']).default('pending') }).strict(), response: z.array(AccessRequestView) },
  decideAccess: {
    request: z
      .object({
        requestIds: z.array(Id).min(1).max(100),
        decision: z.enum(['approve', 'deny']),
        reason: Reason.optional(),
        minutes: Minutes.optional(),
        /** Approve only, one request only: a narrower scope (sections and/or labels within the request's). */
        narrow: z.object({ sectionCodes: z.array(SectionCode).max(50).optional(), labels: z.array(LabelSchema).optional(), dates: z.object({ from: IsoDate, to: IsoDate }).strict().optional() }).strict().optional(),
      })
      .strict()
      .refine((r) => r.decision === 'approve' || r.reason !== undefined, { message: 'A denial needs a reason.' })
      .refine((r) => !r.narrow || (r.decision === 'approve' && r.requestIds.length === 1), { message: 'Narrow one approval at a time.' }),
    response: z.array(DecisionOutcome),
  },
  revokeAccess: { request: z.object({ requestId: Id, reason: Reason }).strict(), response: AccessRequestView },
  breakGlass: {
    request: z
      .object({
        requestHandle: Handle.optional(),
        encounterId: Id.optional(),
        reasonCode: z.enum(BREAK_GLASS_REASON_CODES),
        reasonText: z.string().trim().min(20).max(2000),
        minutes: Minutes.optional(),
      })
      .strict()
      .refine((r) => (r.requestHandle === undefined) !== (r.encounterId === undefined), { message: 'Give a placeholder handle or an encounter, not both.' }),
    response: AccessRequestView,
  },
  accessAlerts: { request: z.object({}).strict(), response: AccessAlerts },
  acknowledgeAccessAlerts: { request: z.object({}).strict(), response: z.object({ acknowledged: z.number().int() }) },
  breakGlassReviews: { request: z.object({ include: z.enum(['open', 'closed']).default('open') }).strict(), response: z.array(ReviewView) },
  closeBreakGlassReview: {
    request: z.object({ requestId: Id, verdict: z.enum(['appropriate', 'inappropriate']), notes: z.string().trim().min(10).max(2000) }).strict(),
    response: ReviewView,
  },
  accessMetrics: { request: z.object({ from: z.iso.datetime(), to: z.iso.datetime() }).strict(), response: AccessMetricsView },
} as const;
