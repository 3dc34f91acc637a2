/**
 * The worklists that give a viewer its encounters (the chart views' WorkSource):
 *   - the coding worklist (mine or unassigned) gives coders, CDI and supervisors an encounter for
 *     the purposes the coding workstation offers;
 *   - the denial worklist (a claim of the encounter whose latest remittance is a denial) gives
 *     billers and supervisors the encounter for a denial dispute or a claim edit.
 * Anything else needs a grant. Both are read at every check, never cached.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Purpose } from '../../../shared/purposes';
import type { Role } from '../../../shared/roles';
import { encounterOnDenialWorklist } from '../packets/worklist';
import type { WorkSource } from '../redaction/views/entitlement';
import { onCodingWorklist } from './worklist';

interface WorklistRule {
  roles: readonly Role[];
  purposes: readonly Purpose[];
  has(userId: number, encounterId: number): boolean;
}

export function worklistSource(db: Database): WorkSource {
  const rules: WorklistRule[] = [
    {
      roles: ['coder', 'cdi', 'supervisor'],
      purposes: ['inpatient_coding', 'profee_coding', 'claim_edit', 'quality_review', 'compliance_inquiry'],
      has: (userId, encounterId) => onCodingWorklist(db, userId, encounterId),
    },
    {
      roles: ['biller', 'supervisor'],
      purposes: ['denial_dispute', 'claim_edit'],
      has: (_userId, encounterId) => encounterOnDenialWorklist(db, encounterId),
    },
  ];
  return {
    onWorklist: (viewer, purpose, encounterId) => rules.some((r) => r.roles.includes(viewer.role) && r.purposes.includes(purpose) && r.has(viewer.userId, encounterId)),
  };
}
