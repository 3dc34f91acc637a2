/**
 * The policy decision for one section (or one structured item): visible or masked, and by which
 * rules. Pure. Internal rule ids (which rule masked what) go to the audit log only; the renderer's
 * placeholder carries the purpose's generic "masked" rule, so a placeholder never tells a
 * psychotherapy note from a section the task simply does not need.
 */
import type { ActiveGrant } from '../../../../shared/access-types';
import { grantOpensLabel, grantOpensSection, scopeCovers } from '../../access/grant-opens';
import type { PurposePolicy } from '../policy';
import type { Ds4pLabel } from '../types';
import type { ViewRequest } from './types';

export type Decision =
  | { visible: true; ruleIds: string[]; grantIds: number[] }
  | { visible: false; ruleIds: string[] };

export const purposePolicy = (req: ViewRequest): PurposePolicy => req.policy.purposes[req.purpose];

/** The grants that can widen this request: this user's, for this patient and purpose. */
export function relevantGrants(req: Pick<ViewRequest, 'grants' | 'userId' | 'patientId' | 'purpose'>): ActiveGrant[] {
  return req.grants.filter((g) => g.userId === req.userId && g.purpose === req.purpose && g.scope.patientId === req.patientId);
}

/** Grants whose encounter and date bounds cover a document (or item) of this encounter and date. */
export function grantsCovering(grants: readonly ActiveGrant[], encounterId: number | null, date: string | null): ActiveGrant[] {
  return grants.filter((g) => scopeCovers(g.scope, encounterId, date));
}

export function sectionAllowed(pp: PurposePolicy, loinc: string): boolean {
  const { allow, deny } = pp.sections;
  if (deny.includes(loinc) || deny.includes('*')) return false;
  return allow.includes('*') || allow.includes(loinc);
}

/**
 * Decides one section (loinc = its code) or one structured item (loinc = null: no section rule).
 * `grants` are the relevant grants already narrowed to the document's encounter and date.
 */
export function decide(req: ViewRequest, loinc: string | null, labels: readonly Ds4pLabel[], grants: readonly ActiveGrant[]): Decision {
  const pp = purposePolicy(req);
  const rules = req.policy.rules;
  const ruleIds = new Set<string>();
  const grantIds = new Set<number>();
  if (loinc !== null) {
    if (sectionAllowed(pp, loinc)) ruleIds.add(pp.sections.id);
    else {
      const g = grants.find((x) => grantOpensSection(x, loinc));
      if (!g) return { visible: false, ruleIds: [pp.sections.id] };
      grantIds.add(g.id);
      ruleIds.add(rules.grant.id);
    }
  }
  for (const label of labels) {
    if (label === 'PSYTHPN') {
      if (pp.psychotherapyNotes === 'show') continue;
      // Only a grant that names psychotherapy notes, approved by someone entitled to, opens them
      // (access/grant-opens.ts); a whole-scope or break-glass grant does not.
      const g = grants.find((x) => grantOpensLabel(x, loinc, label));
      if (!g) return { visible: false, ruleIds: [rules.psychotherapy.id] };
      grantIds.add(g.id);
      ruleIds.add(rules.grant.id);
      continue;
    }
    if (!pp.labels.withheld.includes(label)) continue;
    if (pp.labels.taskRelated === 'show' && req.taskLabels.has(label)) {
      ruleIds.add(rules.taskRelated.id);
      continue;
    }
    const g = grants.find((x) => grantOpensLabel(x, loinc, label));
    if (!g) return { visible: false, ruleIds: [pp.labels.id] };
    grantIds.add(g.id);
    ruleIds.add(rules.grant.id);
  }
  if (loinc === null) ruleIds.add(pp.structured.id);
  return { visible: true, ruleIds: [...ruleIds], grantIds: [...grantIds] };
}
