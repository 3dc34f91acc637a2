/**
 * Review of issue 15 break 3 (class): the hidden twin's document is titled by a sensitive service
 * over a plain body; the document is withheld whole, so the plain twin has none. A sensitive heading
 * masks its section; its plain twin has a payer section (masked by the purpose). Replies must agree.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { describe, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { chartWork, expectSameReplies, type PairSpec, type Twin } from '../../support/pairs';

const BODY = 'HISTORY OF PRESENT ILLNESS:\nFollow-up visit; vitals stable.\nASSESSMENT AND PLAN:\nContinue current plan.\n';

function write(db: Database, twin: Twin, title: string, section?: string): { encounterId: number } {
  const w = new ChartWriter(db);
  return db.transaction(() => {
    const patientId = w.patient({ sourceSystem: 't', sourceId: 'p1', mrn: 'MRN-5521', familyName: 'Quillfeather', givenName: 'Juniper' });
    const encounterId = w.encounter({ sourceSystem: 't', sourceId: 'e1', patientId, classCode: 'IMP', periodStart: '2025-05-01', periodEnd: '2025-05-04' });
    w.condition({ sourceSystem: 't', sourceId: 'c1', patientId, encounterId, codeSystem: 'ICD-10-CM', code: 'K81.0', display: 'Acute cholecystitis' });
    w.document({ sourceSystem: 't', sourceId: 'd1', patientId, encounterId, docType: 'discharge-summary', title: 'Discharge summary', authoredAt: '2025-05-04T10:00:00Z', text: 'HISTORY OF PRESENT ILLNESS:\nAcute cholecystitis.\n', format: 'text' });
    // A sensitive title withholds the whole document (not listed), so its plain twin has none; a
    // sensitive heading masks its section, so its plain twin has a section the purpose masks (payers).
    if (section) {
      const text = BODY.replace('HISTORY OF PRESENT ILLNESS', twin === 'hidden' ? section : 'INSURANCE INFORMATION');
      w.document({ sourceSystem: 't', sourceId: 'd2', patientId, encounterId, docType: 'progress-note', title, authoredAt: '2025-05-02T10:00:00Z', text, format: 'text' });
    } else if (twin === 'hidden') w.document({ sourceSystem: 't', sourceId: 'd2', patientId, encounterId, docType: 'progress-note', title, authoredAt: '2025-05-02T10:00:00Z', text: BODY, format: 'text' });
    return { encounterId };
  })();
}

const cases: Array<[string, string | undefined]> = [
  ['Opioid treatment program visit', undefined],
  ['Methadone clinic note', undefined],
  ['HIV clinic follow-up', undefined],
  ['Addiction medicine consult', undefined],
  ['Progress note', 'SUBSTANCE ABUSE COUNSELING'],
];

describe('review pairs: sensitive titles over a plain body', () => {
  for (const [title, section] of cases) {
    it(`coder: "${title}"${section ? ` with section heading ${section}` : ''}`, async () => {
      const spec: PairSpec<{ encounterId: number }> = { users: [['cora', 'coder']], write: (db, twin) => write(db, twin, title, section) };
      await expectSameReplies(spec, (s) => chartWork<{ encounterId: number }>({ user: 'cora', purpose: 'inpatient_coding', encounterId: s.fixture.encounterId, probes: ['methadone', 'HIV', 'vitals'], requestAccess: false })(s));
    });
  }
});
