/** Request rows as the renderer sees them: approvers see the scope's labels, a placeholder's requester does not. */
import type { z } from 'zod';
import type { AccessRequestView, ReviewView } from '../../../shared/access-contract';
import type { GrantScope } from '../../../shared/access-types';
import type { AccessService } from './access-service';
import type { RequestRow } from './repo';

type ScopeView = z.infer<typeof AccessRequestView>['scope'];

export function scopeView(scope: GrantScope, reveal: boolean): ScopeView {
  const sectionCodes = reveal ? (scope.sectionCodes ?? []) : [];
  const labels = reveal ? (scope.labels ?? []) : [];
  const parts = [scope.encounterId !== undefined ? `Encounter ${scope.encounterId}` : `Patient ${scope.patientId}`];
  if (scope.from || scope.to) parts.push(`${scope.from ?? '…'} to ${scope.to ?? '…'}`);
  if (!reveal && (scope.sectionCodes?.length || scope.labels?.length)) parts.push('the restricted section you asked for');
  else if (sectionCodes.length) parts.push(`sections ${sectionCodes.join(', ')}`);
  if (labels.length) parts.push(`labels ${labels.join(', ')}`);
  if (reveal && !sectionCodes.length && !labels.length) parts.push('whole scope');
  return { patientId: scope.patientId, encounterId: scope.encounterId ?? null, from: scope.from ?? null, to: scope.to ?? null, sectionCodes, labels, summary: parts.join(' · ') };
}

export function requestView(access: AccessService, r: RequestRow, as: 'requester' | 'approver'): AccessRequestView {
  const u = access.repo.user(r.requester_id);
  const reveal = as === 'approver' || r.origin === 'manual';
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    requester: { id: r.requester_id, username: u?.username ?? '?', displayName: u?.display_name ?? '?', role: r.requester_role },
    origin: r.origin,
    scope: scopeView(JSON.parse(r.scope_json) as GrantScope, reveal),
    scopeLabels: as === 'approver' ? (JSON.parse(r.scope_labels_json) as string[]) : [],
    purpose: r.purpose,
    justification: r.justification,
    reasonCode: r.reason_code,
    requestedMinutes: r.requested_minutes,
    approvals: access.repo.approvals(r.id).map((a) => ({ username: a.username, role: a.approver_role, minutes: a.minutes })),
    approvalsRequired: r.approvals_required,
    needsPrivacyOfficer: as === 'approver' && !!r.needs_privacy_officer,
    createdAt: r.created_at,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    grantedAt: r.granted_at,
    grantedMinutes: r.granted_minutes,
    expiresAt: r.expires_at,
    remainingMinutes: r.status === 'approved' ? Math.ceil(access.remainingMs(r.id) / 60_000) : null,
    endedAt: r.ended_at,
    endReason: r.end_reason,
  };
}

export function reviewView(access: AccessService, requestId: number, now: Date): ReviewView {
  const r = access.repo.get(requestId)!;
  const v = access.repo.review(requestId)!;
  return {
    event: requestView(access, r, 'approver'),
    dueAt: v.due_at,
    overdue: !v.reviewed_at && v.due_at < now.toISOString(),
    reviewedAt: v.reviewed_at,
    reviewer: v.reviewer_id ? (access.repo.user(v.reviewer_id)?.username ?? null) : null,
    verdict: v.verdict as ReviewView['verdict'],
    notes: v.notes,
  };
}
