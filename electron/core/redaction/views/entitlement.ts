/**
 * Which encounters a viewer may work on under a purpose: one its worklist gives it (the coding
 * worklist, the denial worklist: plugged in by the backend as a WorkSource), or one an active grant
 * of this user, for this purpose and patient, covers. Checked when a purpose is declared for an
 * encounter AND on every use under it (chart, document, search, a section re-derived for a query or
 * a packet), so a claim by another coder, a reversed denial or a revoked grant takes effect on the
 * next call.
 */
import type { ActiveGrant } from '../../../../shared/access-types';
import type { Purpose } from '../../../../shared/purposes';
import type { Role } from '../../../../shared/roles';
import type { EncounterRow } from './types';

export interface WorkSource {
  /** Whether one of the viewer's worklists gives it this encounter for this purpose. */
  onWorklist(viewer: { userId: number; role: Role }, purpose: Purpose, encounterId: number): boolean;
}

/** No worklist gives anything (the default until the backend plugs the real ones in: fail closed). */
export const NO_WORK: WorkSource = { onWorklist: () => false };

const day = (iso: string | null): string | null => (iso ? iso.slice(0, 10) : null);

/** Whether a grant covers the encounter: its encounter, or its patient with dates overlapping the stay. */
export function grantGivesEncounter(g: ActiveGrant, userId: number, purpose: Purpose, e: Pick<EncounterRow, 'id' | 'patientId' | 'start' | 'end'>): boolean {
  const s = g.scope;
  if (g.userId !== userId || g.purpose !== purpose || s.patientId !== e.patientId) return false;
  if (s.encounterId !== undefined) return s.encounterId === e.id;
  if (!s.from && !s.to) return true;
  const start = day(e.start);
  const end = day(e.end) ?? start;
  if (!start || !end) return false;
  return (!s.to || start <= s.to) && (!s.from || end >= s.from);
}
