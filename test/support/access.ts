/** A small chart and signed-in users for the access tests. */
import type { Session } from '../../electron/core/auth/sessions';
import { ChartWriter } from '../../electron/core/db/chart-writer';
import type { Role } from '../../shared/roles';
import { USER_PASSWORD, withUsers, type TestBackend } from './backend';

export const NOTE = `HISTORY OF PRESENT ILLNESS: Patient seen for chest pain, troponin negative.
SOCIAL HISTORY: Drinks alcohol daily; on methadone maintenance.
PSYCHOTHERAPY NOTE: Session content discussed; patient processing grief in therapy session.
MENTAL STATUS: Depressed mood, major depressive disorder.
ASSESSMENT AND PLAN: Chest pain, likely musculoskeletal. Discharge home.`;

export const NEW_PASSWORD = 'orchard maple drift 8812';

export const LOINC = { hpi: '10164-2', social: '29762-2', mental: '10190-7', plan: '51847-2' } as const;

export interface AccessFixture extends TestBackend {
  ids: Record<string, number>;
  patientId: number;
  encounterId: number;
  documentId: number;
  /** The signed-in session of each user (window key = user name). */
  session(username: string): Session;
}

export async function accessFixture(users: Array<[string, Role]> = [
  ['carol', 'coder'],
  ['bill', 'biller'],
  ['sam', 'supervisor'],
  ['sue', 'supervisor'],
  ['pat', 'privacy_officer'],
], opts: { changePasswords?: boolean } = {}): Promise<AccessFixture> {
  const t = await withUsers(users);
  for (const [u] of users) {
    const w = t.as(u);
    await w('login', { username: u, password: USER_PASSWORD });
    // Calls through the dispatcher need the first-sign-in password change; the service itself does not look.
    if (opts.changePasswords) await w('changePassword', { current: USER_PASSWORD, next: NEW_PASSWORD });
  }
  const writer = new ChartWriter(t.backend.store.db);
  const { patientId, encounterId, documentId } = t.backend.store.db.transaction(() => {
    const patientId = writer.patient({ sourceSystem: 't', sourceId: 'p1', mrn: 'MRN-TEST-1', familyName: 'Testperson' });
    const encounterId = writer.encounter({ sourceSystem: 't', sourceId: 'e1', patientId, classCode: 'IMP', periodStart: '2026-01-02', periodEnd: '2026-01-04' });
    const documentId = writer.document({ sourceSystem: 't', sourceId: 'd1', patientId, encounterId, text: NOTE, format: 'text', docType: 'discharge-summary', authoredAt: '2026-01-04T10:00:00Z' });
    return { patientId, encounterId, documentId };
  })();
  return {
    ...t,
    patientId,
    encounterId,
    documentId,
    session: (u) => {
      const s = t.backend.auth.sessions.get(u);
      if (!s) throw new Error(`${u} is not signed in`);
      return s;
    },
  };
}

/** The access events in the audit trail, in order. */
export function accessEvents(t: TestBackend): Array<{ event_type: string; outcome: string; username: string | null; detail: string | null }> {
  return t.backend.store.db
    .prepare("SELECT event_type, outcome, username, detail FROM audit_event WHERE event_type LIKE 'access.%' ORDER BY seq")
    .all() as never;
}
