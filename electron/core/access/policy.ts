/**
 * The access policy: every number and list the access service obeys, in one place. The defaults
 * come from the shipped policy file (resources/policy/default.json, key `access`) through
 * `accessPolicyFromFile`; a backend given another policy file uses that one's.
 */
import { GRANT_LABELS, type GrantLabel } from '../../../shared/access-types';
import { BREAK_GLASS_REASON_CODES } from '../../../shared/access-contract';
import type { Purpose } from '../../../shared/purposes';
import type { Role } from '../../../shared/roles';
import { defaultPolicy, type AccessPolicy as PolicyFileAccess, type Policy } from '../redaction/policy';

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
  /** The roles that may work under each purpose (the policy file's purposes.*.roles): nobody asks for access under a purpose their role may not use. */
  purposeRoles: Record<Purpose, Role[]>;
}

const isGrantLabel = (l: string): l is GrantLabel => (GRANT_LABELS as readonly string[]).includes(l);

/** Settings the policy file does not carry. */
const FIXED = {
  pendingExpiryHours: 72,
  twoApprovers: false,
  breakGlassLabels: GRANT_LABELS.filter((l) => l !== 'PSYTHPN'),
  minJustification: 20,
} satisfies Partial<AccessPolicy>;

/**
 * The access service's policy from the validated policy file's `access` object (schema.ts): the file
 * is the one place an administrator sets durations, approvers and review deadlines.
 */
export function accessPolicyFromFile(a: PolicyFileAccess, purposes: Policy['purposes'] = defaultPolicy().purposes): AccessPolicy {
  return {
    ...FIXED,
    purposeRoles: Object.fromEntries(Object.entries(purposes).map(([p, pp]) => [p, [...pp.roles.allow]])) as Record<Purpose, Role[]>,
    maxRequestMinutes: a.grantDuration.maxMinutes,
    defaultRequestMinutes: a.grantDuration.defaultMinutes,
    maxMinutesByLabel: { ...a.grantDuration.maxMinutesByLabel },
    breakGlassMinutes: a.breakGlass.defaultMinutes,
    maxBreakGlassMinutes: a.breakGlass.maxMinutes,
    reviewWithinDays: a.review.deadlineDays,
    approverRoles: [...a.approverRoles.roles],
    privacyOfficerLabels: a.privacyOfficerLabels.labels.filter(isGrantLabel),
    twoApproverLabels: a.twoApprover.labels.filter(isGrantLabel),
  };
}

/** The shipped policy file's access settings (what the service uses unless given others). */
export const DEFAULT_ACCESS_POLICY: AccessPolicy = accessPolicyFromFile(defaultPolicy().access, defaultPolicy().purposes);

/**
 * The labels a set of approvals is entitled to open (given the approvers' roles at approval time):
 * privacy-officer labels only with a privacy officer among them, two-approver labels only with two.
 * A grant opens no other label, whatever its scope reaches when a view is built.
 */
export function entitledLabels(p: AccessPolicy, approverRoles: readonly string[]): GrantLabel[] {
  const hasPo = approverRoles.includes('privacy_officer');
  return GRANT_LABELS.filter((l) => (hasPo || !p.privacyOfficerLabels.includes(l)) && (approverRoles.length >= 2 || !p.twoApproverLabels.includes(l)));
}

/** The longest grant a scope touching these labels may get (the tightest per-label cap applies). */
export function maxMinutesFor(p: AccessPolicy, labels: readonly string[]): number {
  return Math.min(p.maxRequestMinutes, ...labels.map((l) => (isGrantLabel(l) ? (p.maxMinutesByLabel[l] ?? Infinity) : Infinity)));
}
