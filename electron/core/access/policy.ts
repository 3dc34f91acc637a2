/**
 * The access policy: every number and list the access service obeys, in one place. The defaults
 * below apply until the policy file (resources/policy/default.json, key `access`) supplies its own
 * through `accessPolicyFromFile`.
 */
import { GRANT_LABELS, type GrantLabel } from '../../../shared/access-types';
import { BREAK_GLASS_REASON_CODES } from '../../../shared/access-contract';
import type { Role } from '../../../shared/roles';
import type { AccessPolicy as PolicyFileAccess } from '../redaction/policy/schema';

export const BREAK_GLASS_REASONS = BREAK_GLASS_REASON_CODES;
export type BreakGlassReason = (typeof BREAK_GLASS_REASONS)[number];

export interface AccessPolicy {
  /** Longest grant a request may ask for (minutes). */
  maxRequestMinutes: number;
  /** Tighter caps for scopes touching these labels (minutes). */
  maxMinutesByLabel: Partial<Record<GrantLabel, number>>;
  /** What the request dialog offers by default (minutes). */
  defaultRequestMinutes: number;
  /** Break-glass grant length (minutes) and its upper bound. */
  breakGlassMinutes: number;
  maxBreakGlassMinutes: number;
  /** A pending request nobody decided expires after this many hours. */
  pendingExpiryHours: number;
  /** Break-glass reviews must be closed within this many days. */
  reviewWithinDays: number;
  /** Roles that may approve (never the requester's own role, never the requester). */
  approverRoles: Role[];
  /** Scopes touching these labels (V-confidentiality) need a privacy officer among the approvers. */
  privacyOfficerLabels: GrantLabel[];
  /** Two distinct approvers: for every request, or only for scopes touching these labels. */
  twoApprovers: boolean;
  twoApproverLabels: GrantLabel[];
  /** Labels a break-glass grant opens (psychotherapy notes stay closed: they need an authorization). */
  breakGlassLabels: GrantLabel[];
  /** Minimum length of a justification or review note. */
  minJustification: number;
}

export const DEFAULT_ACCESS_POLICY: AccessPolicy = {
  maxRequestMinutes: 8 * 60,
  maxMinutesByLabel: {},
  defaultRequestMinutes: 8 * 60,
  breakGlassMinutes: 60,
  maxBreakGlassMinutes: 4 * 60,
  pendingExpiryHours: 72,
  reviewWithinDays: 7,
  approverRoles: ['supervisor', 'privacy_officer'],
  privacyOfficerLabels: ['PSYTHPN', 'ETH'],
  twoApprovers: false,
  twoApproverLabels: [],
  breakGlassLabels: GRANT_LABELS.filter((l) => l !== 'PSYTHPN'),
  minJustification: 20,
};

/**
 * The access service's policy from the validated policy file's `access` object (schema.ts): the file
 * is the one place an administrator sets durations, approvers and review deadlines. Settings the file
 * does not carry (pending expiry, break-glass labels, minimum justification) keep their defaults.
 */
export function accessPolicyFromFile(a: PolicyFileAccess): AccessPolicy {
  const d = DEFAULT_ACCESS_POLICY;
  return {
    ...d,
    maxRequestMinutes: a.grantDuration.maxMinutes,
    defaultRequestMinutes: a.grantDuration.defaultMinutes,
    maxMinutesByLabel: { ...a.grantDuration.maxMinutesByLabel },
    breakGlassMinutes: a.breakGlass.defaultMinutes,
    maxBreakGlassMinutes: a.breakGlass.maxMinutes,
    reviewWithinDays: a.review.deadlineDays,
    approverRoles: [...a.approverRoles.roles],
    privacyOfficerLabels: a.privacyOfficerLabels.labels.filter(isGrantLabel),
    twoApprovers: false,
    twoApproverLabels: a.twoApprover.labels.filter(isGrantLabel),
  };
}

const isGrantLabel = (l: string): l is GrantLabel => (GRANT_LABELS as readonly string[]).includes(l);

/** The longest grant a scope touching these labels may get (the tightest per-label cap applies). */
export function maxMinutesFor(p: AccessPolicy, labels: readonly string[]): number {
  return Math.min(p.maxRequestMinutes, ...labels.map((l) => (isGrantLabel(l) ? (p.maxMinutesByLabel[l] ?? Infinity) : Infinity)));
}
