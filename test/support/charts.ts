/** Small hand-written charts written through ChartWriter (the real import path, analysis included). */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { ChartWriter } from '../../electron/core/db/chart-writer';

export const DISCHARGE = `DISCHARGE SUMMARY
Patient: Marguerite Okonkwo-Leblanc  MRN: 48213377
HISTORY OF PRESENT ILLNESS:
Ms. Okonkwo-Leblanc is a 67-year-old woman admitted on 03/14/2024 with acute pancreatitis. Her daughter can be reached at 617-555-0142.
SOCIAL HISTORY:
She drinks a pint of vodka daily and meets criteria for alcohol dependence.
PAST PSYCHIATRIC HISTORY:
Treated for major depressive disorder with sertraline since 2019; prior suicide attempt in 2015.
HOSPITAL COURSE:
Managed with IV fluids and pain control by Dr. Alan Whitcombe. Lipase normalized.
DISCHARGE DIAGNOSIS:
Acute alcoholic pancreatitis.
`;

/** The masked section's body: none of it may reach a coder. */
export const PSY_BODY = 'Treated for major depressive disorder with sertraline since 2019; prior suicide attempt in 2015.';

export const THERAPY = `PSYCHOTHERAPY NOTE:
Session focused on grief about her brother; she disclosed recurring nightmares about the accident.
`;

export const PSYCH_CONSULT = `PAST PSYCHIATRIC HISTORY:
Bipolar disorder, hospitalized twice for mania; lithium levels followed by Dr. Ines Carvalho.
`;

export interface SampleChart {
  patientId: number;
  encounterId: number;
  otherEncounterId: number;
  dischargeId: number;
  therapyId: number;
  consultId: number;
}

/** One inpatient encounter coded K85.20 + F10.20 (alcohol dependence → ETH is task-related; PSY is not). */
export function writeSampleChart(db: Database): SampleChart {
  const w = new ChartWriter(db);
  return db.transaction(() => {
    const patientId = w.patient({ sourceSystem: 'test', sourceId: 'p1', mrn: '48213377', givenName: 'Marguerite', familyName: 'Okonkwo-Leblanc', birthDate: '1957-02-11' });
    const attendingId = w.practitioner({ sourceSystem: 'test', sourceId: 'dr1', name: 'Alan Whitcombe', npi: '1234567893' });
    const encounterId = w.encounter({ sourceSystem: 'test', sourceId: 'e1', patientId, classCode: 'IMP', typeDisplay: 'Inpatient admission', periodStart: '2024-03-14', periodEnd: '2024-03-18', attendingId });
    const otherEncounterId = w.encounter({ sourceSystem: 'test', sourceId: 'e0', patientId, classCode: 'AMB', periodStart: '2023-01-02' });
    w.condition({ sourceSystem: 'test', sourceId: 'c1', patientId, encounterId, codeSystem: 'ICD-10-CM', code: 'K85.20', display: 'Alcohol induced acute pancreatitis' });
    w.condition({ sourceSystem: 'test', sourceId: 'c2', patientId, encounterId, codeSystem: 'ICD-10-CM', code: 'F10.20', display: 'Alcohol dependence, uncomplicated' });
    const dischargeId = w.document({ sourceSystem: 'test', sourceId: 'd1', patientId, encounterId, docType: 'discharge-summary', title: 'Discharge summary', authoredAt: '2024-03-18T10:00:00Z', text: DISCHARGE, format: 'text' });
    const therapyId = w.document({ sourceSystem: 'test', sourceId: 'd2', patientId, encounterId, docType: 'psychotherapy-note', title: 'Psychotherapy session', authoredAt: '2024-03-16T15:00:00Z', text: THERAPY, format: 'text' });
    const consultId = w.document({ sourceSystem: 'test', sourceId: 'd3', patientId, encounterId, docType: 'consult', title: 'Psychiatry consult', authoredAt: '2024-03-15T09:00:00Z', text: PSYCH_CONSULT, format: 'text' });
    return { patientId, encounterId, otherEncounterId, dischargeId, therapyId, consultId };
  })();
}
