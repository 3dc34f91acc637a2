/** A few small charts written through ChartWriter, each carrying unique canary strings. */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { ChartWriter } from '../../electron/core/db/chart-writer';

export interface SeededPatient {
  id: number;
  mrn: string;
  canaries: string[];
  encounterId: number;
  claimId: number;
  documentIds: number[];
}

export function seedPatient(db: Database, tag: string, opts: { docs?: number; labels?: boolean } = {}): SeededPatient {
  const w = new ChartWriter(db);
  const canaries = [`Qzfamily${tag}`, `Qzgiven${tag}`, `QZNOTE-${tag}-canary`, `QZREASON-${tag}`, `QZDX-${tag}`, `QZMEMBER${tag}`];
  return db.transaction(() => {
    const id = w.patient({ sourceSystem: 'test', sourceId: `p-${tag}`, mrn: `MRN${tag}`, familyName: canaries[0], givenName: canaries[1], birthDate: '1961-04-02', phone: '555-201-7788', city: 'Springfield' });
    const encounterId = w.encounter({ sourceSystem: 'test', sourceId: `e-${tag}`, patientId: id, classCode: 'IMP', reasonDisplay: canaries[3], periodStart: '2026-01-02', periodEnd: '2026-01-04' });
    const documentIds: number[] = [];
    for (let i = 0; i < (opts.docs ?? 2); i++) {
      const text =
        `DISCHARGE SUMMARY\nHISTORY OF PRESENT ILLNESS: ${canaries[2]} patient ${canaries[0]} admitted with chest pain. ` +
        `${'Lorem clinical narrative continues. '.repeat(60)}\n` +
        (opts.labels ? 'SOCIAL HISTORY: History of alcohol use disorder, in remission. Depression treated with sertraline.\n' : '') +
        `ASSESSMENT AND PLAN: ${canaries[2]} stable for discharge.\n`;
      documentIds.push(w.document({ sourceSystem: 'test', sourceId: `d-${tag}-${i}`, patientId: id, encounterId, docType: 'discharge-summary', title: `Discharge ${canaries[0]}`, authoredAt: '2026-01-04', text, format: 'text' }));
    }
    w.condition({ sourceSystem: 'test', sourceId: `c-${tag}`, patientId: id, encounterId, codeSystem: 'ICD-10-CM', code: 'I20.9', display: canaries[4] });
    const claimId = w.claim({
      sourceSystem: 'test', sourceId: `cl-${tag}`, patientId: id, encounterId, claimNumber: `CLM${tag}`, memberId: canaries[5], totalCharge: 1200,
      diagnoses: [{ seq: 1, system: 'ICD-10-CM', code: 'I20.9', display: canaries[4] }],
      lines: [{ lineNo: 1, code: '99223', codeSystem: 'CPT', display: canaries[4], charge: 1200 }],
    });
    return { id, mrn: `MRN${tag}`, canaries, encounterId, claimId, documentIds };
  })();
}
