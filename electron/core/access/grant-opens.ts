/**
 * What a grant opens: the one definition the view builder (redaction/views/decide.ts) applies and
 * the access service's narrowing check (scope.ts `isWithin`) is derived from. Pure.
 *
 * A scope covers the documents of its encounter (if it names one) dated within its dates (if it has
 * any). Within that it opens:
 *  - a section the purpose does not allow: when the scope is whole (names no section and no label)
 *    or names the section's code;
 *  - a sensitivity label the purpose withholds: when the scope names the label, or — for every label
 *    but psychotherapy notes — when the scope is whole or names the section's code. Psychotherapy
 *    notes open only under a scope that names PSYTHPN itself (45 CFR 164.508(a)(2)).
 * A grant opens a label only if its approvers were entitled to approve that label (`entitledLabels`):
 * the check runs when a view is built, against the content as it is then, so content imported after
 * the approval is opened only as far as the approvers could have opened it.
 */
import type { ActiveGrant, GrantLabel, GrantScope } from '../../../shared/access-types';

export const PSYCHOTHERAPY: GrantLabel = 'PSYTHPN';

/** A scope naming neither sections nor labels: everything in its bounds (psychotherapy notes aside). */
export const isWholeScope = (s: GrantScope): boolean => !s.sectionCodes?.length && !s.labels?.length;

/** True when the scope's encounter and date bounds take in a document (or item) of this encounter and date. */
export function scopeCovers(s: GrantScope, encounterId: number | null, date: string | null): boolean {
  const day = date ? date.slice(0, 10) : null;
  if (s.encounterId !== undefined && s.encounterId !== encounterId) return false;
  if ((s.from || s.to) && !day) return false;
  if (s.from && day! < s.from) return false;
  if (s.to && day! > s.to) return false;
  return true;
}

/** True when the scope opens a section of this code that the purpose does not allow. */
export const scopeOpensSection = (s: GrantScope, loinc: string): boolean => isWholeScope(s) || !!s.sectionCodes?.includes(loinc);

/** True when the scope opens `label` in a section of this code (null: a structured item, which has no section). */
export function scopeOpensLabel(s: GrantScope, loinc: string | null, label: string): boolean {
  if ((s.labels as readonly string[] | undefined)?.includes(label)) return true;
  if (label === PSYCHOTHERAPY) return false;
  return isWholeScope(s) || (loinc !== null && !!s.sectionCodes?.includes(loinc));
}

/** The grant opens a section the purpose does not allow (scope only: section rules carry no label). */
export const grantOpensSection = (g: ActiveGrant, loinc: string): boolean => scopeOpensSection(g.scope, loinc);

/** The grant opens `label` here: its scope reaches it and its approvers were entitled to approve it. */
export const grantOpensLabel = (g: ActiveGrant, loinc: string | null, label: string): boolean =>
  (g.entitledLabels as readonly string[]).includes(label) && scopeOpensLabel(g.scope, loinc, label);
