/**
 * Pairs where the hidden twin holds only structured rows a coder or CDI specialist may not see
 * (substance-use and HIV medications by brand name or by a bare code, an HIV lab named without the
 * word): the plain twin holds none of them, and every reply must be the same (issue 15 break 3's
 * class, found by the replayed review). Encounter procedures are shown like the encounter's own
 * diagnoses (the task's codes), so they are not paired here.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { describe, it } from 'vitest';
import { ChartWriter } from '../../../electron/core/db/chart-writer';
import { chartWork, expectSameReplies, type PairSpec, type Twin } from '../../support/pairs';

interface Chart { encounterId: number }

function write(db: Database, twin: Twin, rows: (w: ChartWriter, patientId: number, encounterId: number) => void): Chart {
  const w = new ChartWriter(db);
  return db.transaction(() => {
    const patientId = w.patient({ sourceSystem: 't', sourceId: 'p1', mrn: 'MRN-5521', familyName: 'Quillfeather', givenName: 'Juniper' });
    const encounterId = w.encounter({ sourceSystem: 't', sourceId: 'e1', patientId, classCode: 'IMP', typeDisplay: 'Inpatient admission', periodStart: '2025-05-01', periodEnd: '2025-05-04' });
    w.condition({ sourceSystem: 't', sourceId: 'c1', patientId, encounterId, codeSystem: 'ICD-10-CM', code: 'K81.0', display: 'Acute cholecystitis' });
    w.document({ sourceSystem: 't', sourceId: 'd1', patientId, encounterId, docType: 'discharge-summary', title: 'Discharge summary', authoredAt: '2025-05-04T10:00:00Z', text: 'HISTORY OF PRESENT ILLNESS:\nAdmitted with acute cholecystitis.\nASSESSMENT AND PLAN:\nResolved. Discharge home.\n', format: 'text' });
    w.medication({ sourceSystem: 't', sourceId: 'm0', patientId, encounterId, kind: 'request', codeSystem: 'http://www.nlm.nih.gov/research/umls/rxnorm', code: '197361', display: 'Amlodipine 5 MG Oral Tablet', authoredAt: '2025-05-01T08:00:00Z' });
    if (twin === 'hidden') rows(w, patientId, encounterId);
    return { encounterId };
  })();
}

const RX = 'http://www.nlm.nih.gov/research/umls/rxnorm';
const cases: Array<[string, (w: ChartWriter, patientId: number, encounterId: number) => void]> = [
  ['Suboxone by brand', (w, patientId, encounterId) => w.medication({ sourceSystem: 't', sourceId: 'm1', patientId, encounterId, kind: 'request', codeSystem: RX, code: '1010606', display: 'Suboxone 8 MG / 2 MG Sublingual Film', authoredAt: '2025-05-01T08:00:00Z' })],
  ['Vivitrol by brand', (w, patientId, encounterId) => w.medication({ sourceSystem: 't', sourceId: 'm2', patientId, encounterId, kind: 'administration', codeSystem: RX, code: '644333', display: 'Vivitrol 380 MG Injection', authoredAt: '2025-05-01T08:00:00Z' })],
  ['disulfiram', (w, patientId, encounterId) => w.medication({ sourceSystem: 't', sourceId: 'm3', patientId, encounterId, kind: 'request', codeSystem: RX, code: '203170', display: 'Antabuse 250 MG Oral Tablet', authoredAt: '2025-05-01T08:00:00Z' })],
  ['Biktarvy (HIV ART)', (w, patientId, encounterId) => w.medication({ sourceSystem: 't', sourceId: 'm4', patientId, encounterId, kind: 'request', codeSystem: RX, code: '1999563', display: 'Biktarvy 50/200/25 MG Oral Tablet', authoredAt: '2025-05-01T08:00:00Z' })],
  ['Truvada', (w, patientId, encounterId) => w.medication({ sourceSystem: 't', sourceId: 'm5', patientId, encounterId, kind: 'request', codeSystem: RX, code: '403875', display: 'emtricitabine 200 MG / tenofovir disoproxil fumarate 300 MG Oral Tablet [Truvada]', authoredAt: '2025-05-01T08:00:00Z' })],
  ['methadone by RxNorm code only (no display)', (w, patientId, encounterId) => w.medication({ sourceSystem: 't', sourceId: 'm6', patientId, encounterId, kind: 'administration', codeSystem: RX, code: '6813', display: null, authoredAt: '2025-05-01T08:00:00Z' })],
  ['HIV lab by LOINC with a neutral display', (w, patientId, encounterId) => w.observation({ sourceSystem: 't', sourceId: 'o9', patientId, encounterId, category: 'laboratory', codeSystem: 'http://loinc.org', code: '25836-8', display: 'Viral load copies/mL', valueNum: 40, unit: 'copies/mL', effectiveAt: '2025-05-02T06:00:00Z' })],
];

describe('pairs: structured rows only', () => {
  for (const [name, rows] of cases) {
    for (const [user, role] of [['cora', 'coder'], ['cid', 'cdi']] as const) {
      it(`${role}: ${name}`, async () => {
        const spec: PairSpec<Chart> = { users: [[user, role]], write: (db, twin) => write(db, twin, rows) };
        await expectSameReplies(spec, (s) => chartWork<Chart>({ user, purpose: 'inpatient_coding', encounterId: s.fixture.encounterId, probes: ['suboxone', 'methadone', 'HIV'], requestAccess: false })(s));
      });
    }
  }
});
