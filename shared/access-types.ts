/**
 * What an access grant covers, shared by the access service (which issues grants) and the view
 * builder (which applies them). A grant widens one user's view of one patient, optionally narrowed
 * to an encounter or a date range, and to section codes and/or sensitivity labels. No sections and
 * no labels means the whole scope.
 */
import type { Purpose } from './purposes';
import type { Role } from './roles';

/** Who may ask for more access (administrators run the system; they do not work charts). */
export const REQUESTER_ROLES: readonly Role[] = ['coder', 'biller', 'cdi', 'supervisor', 'privacy_officer'];
/** Who sees the inbox, the active grants and the review queue (the policy's approverRoles decide who may approve). */
export const APPROVER_ROLES: readonly Role[] = ['supervisor', 'privacy_officer'];

export const GRANT_LABELS = ['ETH', 'PSY', 'PSYTHPN', 'HIV', 'STD', 'SEX', 'GDIS', 'SDV'] as const;
export type GrantLabel = (typeof GRANT_LABELS)[number];

export interface GrantScope {
  patientId: number;
  encounterId?: number;
  /** Inclusive ISO dates (YYYY-MM-DD) bounding document dates. */
  from?: string;
  to?: string;
  /** LOINC section codes the grant opens (empty or absent: any section in scope). */
  sectionCodes?: string[];
  /**
   * DS4P labels the grant opens (empty or absent: none beyond the policy, unless the scope is whole or
   * sectionCodes opens the section). Psychotherapy notes (PSYTHPN) open only when named here.
   */
  labels?: GrantLabel[];
}

export interface ActiveGrant {
  id: number;
  userId: number;
  purpose: Purpose;
  kind: 'request' | 'break_glass';
  scope: GrantScope;
  /**
   * The labels this grant's approvers were entitled to approve (break-glass: the policy's
   * break-glass labels). The view builder opens no other label, whatever the scope reaches.
   */
  entitledLabels: readonly GrantLabel[];
}
