/**
 * The access policy: every number and list the access service obeys, in one place. The defaults
 * below apply until the policy file (resources/policy/default.json, key `access`) supplies its own;
 * `accessPolicyFrom` reads that key and falls back field by field.
 */
import { GRANT_LABELS, type GrantLabel } from '../../../shared/access-types';
import { BREAK_GLASS_REASON_CODES } from '../../../shared/access-contract';
import type { Role } from '../../../shared/roles';

export const BREAK_GLASS_REASONS = BREAK_GLASS_REASON_CODES;
export type BreakGlassReason = (typeof BREAK_GLASS_REASONS)[number];

export interface AccessPolicy {
  /** Longest grant a request may ask for (minutes). */
  maxRequestMinutes: number;
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

const posInt = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback);
const labels = (v: unknown, fallback: GrantLabel[]): GrantLabel[] =>
  Array.isArray(v) ? v.filter((x): x is GrantLabel => (GRANT_LABELS as readonly string[]).includes(x)) : fallback;

/** The policy from a policy file's `access` object (unknown or invalid fields keep their defaults). */
export function accessPolicyFrom(raw: unknown): AccessPolicy {
  const d = DEFAULT_ACCESS_POLICY;
  if (!raw || typeof raw !== 'object') return d;
  const r = raw as Record<string, unknown>;
  const hoursToMin = (k: string, fallback: number) => (typeof r[k] === 'number' ? posInt(Math.round((r[k] as number) * 60), fallback) : fallback);
  const maxRequestMinutes = posInt(r.maxRequestMinutes, hoursToMin('maxRequestHours', d.maxRequestMinutes));
  const maxBreakGlassMinutes = posInt(r.maxBreakGlassMinutes, d.maxBreakGlassMinutes);
  return {
    maxRequestMinutes,
    defaultRequestMinutes: Math.min(maxRequestMinutes, posInt(r.defaultRequestMinutes, hoursToMin('defaultRequestHours', d.defaultRequestMinutes))),
    breakGlassMinutes: Math.min(maxBreakGlassMinutes, posInt(r.breakGlassMinutes, d.breakGlassMinutes)),
    maxBreakGlassMinutes,
    pendingExpiryHours: posInt(r.pendingExpiryHours, d.pendingExpiryHours),
    reviewWithinDays: posInt(r.reviewWithinDays, d.reviewWithinDays),
    approverRoles: Array.isArray(r.approverRoles) ? (r.approverRoles.filter((x) => typeof x === 'string') as Role[]) : d.approverRoles,
    privacyOfficerLabels: labels(r.privacyOfficerLabels, d.privacyOfficerLabels),
    twoApprovers: typeof r.twoApprovers === 'boolean' ? r.twoApprovers : d.twoApprovers,
    twoApproverLabels: labels(r.twoApproverLabels, d.twoApproverLabels),
    breakGlassLabels: labels(r.breakGlassLabels, d.breakGlassLabels),
    minJustification: posInt(r.minJustification, d.minJustification),
  };
}
