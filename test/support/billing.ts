/**
 * Claims, remittances and notes for the biller workstation's tests, written through ChartWriter.
 * Each chart carries canaries — patient name, MRN, birth date, address, phone, and a sentence in a
 * section the denial-dispute view withholds — that must never reach a packet.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { ChartWriter } from '../../electron/core/db/chart-writer';

export const CANARY = {
  family: 'Quimby',
  given: 'Walter',
  mrn: 'MRN-CANARY-0042',
  birthDate: '1957-02-11',
  address: '12 Larkspur Lane',
  phone: '617-555-0142',
  withheld: 'zebra-copper-7731',
};

export const NOTE = `DISCHARGE SUMMARY

HISTORY OF PRESENT ILLNESS: Mr. Walter Quimby is a 67 year old man seen on 03/14/2025 with chest pain. Phone 617-555-0142.

HOSPITAL COURSE: Troponin peaked at 2.1. Cardiac catheterization showed 90% LAD stenosis; a drug-eluting stent was placed in the proximal LAD without complication.

SOCIAL HISTORY: Alcohol use disorder, in remission, attends AA meetings weekly. Canary phrase zebra-copper-7731.

ASSESSMENT AND PLAN: NSTEMI, status post PCI. Continue aspirin and ticagrelor for twelve months.
`;

/** Text that tries to break a PDF writer: operators, a 3,000-character word, RTL, combining marks, emoji, controls, CJK. */
export const HOSTILE = `OPERATIVE NOTE

FINDINGS: Text with PDF operators ) Tj ET BT /F1 12 Tf (injected) Tj ET q Q endstream endobj %%EOF and a backslash \\ (paren) done.
Long token ${'x'.repeat(3000)} end.
Hebrew שלום עולם and Arabic مرحبا بالعالم with a bidi override \u202Edesrever\u202C here.
Combining: e\u0301 Z\u0337\u0348 n\u0303. Emoji: 😀 🩺 👍🏽. Controls: a\u0000b\u0007c\u001bd\u0085e. CJK: 中文字符. Tab\tseparated.

PROCEDURE: Percutaneous coronary intervention of the LAD.
`;

export interface SeedOptions {
  index: number;
  /** ISO date of the remittance. */
  remitDate: string;
  denied?: boolean;
  carcs?: Array<[group: string, code: string, amount: number]>;
  rarcs?: string[];
  note?: string;
  payer?: string;
}

export interface SeededClaim {
  claimId: number;
  claimNumber: string;
  patientId: number;
  encounterId: number;
  documentId: number;
  memberId: string;
  payerClaimControl: string;
  /** Stored section ids by title. */
  sections: Record<string, number>;
}

export function seedClaim(db: Database, o: SeedOptions): SeededClaim {
  const w = new ChartWriter(db);
  const i = o.index;
  const src = { sourceSystem: 'test' };
  return db.transaction(() => {
    const patientId = w.patient({ ...src, sourceId: `p${i}`, mrn: i === 0 ? CANARY.mrn : `MRN-${1000 + i}`, familyName: CANARY.family, givenName: CANARY.given, birthDate: CANARY.birthDate, addressLine: CANARY.address, phone: CANARY.phone, city: 'Boston', state: 'MA', postalCode: '02118' });
    const encounterId = w.encounter({ ...src, sourceId: `e${i}`, patientId, classCode: 'IMP', periodStart: '2025-03-14', periodEnd: '2025-03-17' });
    const documentId = w.document({ ...src, sourceId: `d${i}`, patientId, encounterId, docType: 'discharge-summary', title: 'Discharge summary', authoredAt: '2025-03-17T10:00:00Z', text: o.note ?? NOTE, format: 'text' });
    const claimNumber = `CLM${String(100000 + i)}`;
    const memberId = `MBR${String(900000 + i)}`;
    const payerClaimControl = `ICN${String(5550000 + i)}`;
    const payer = o.payer ?? (i % 2 ? 'Acme Health Plan' : 'Blue Harbor Insurance');
    const claimId = w.claim({
      ...src,
      sourceId: `c${i}`,
      patientId,
      encounterId,
      claimNumber,
      claimType: 'professional',
      payerName: payer,
      payerId: 'PAYER01',
      memberId,
      billingNpi: '1245319599',
      renderingNpi: '1679576722',
      totalCharge: 1850,
      serviceStart: '2025-03-14',
      serviceEnd: '2025-03-17',
      diagnoses: [
        { seq: 1, system: 'ICD-10-CM', code: 'I21.4' },
        { seq: 2, system: 'ICD-10-CM', code: 'I25.10' },
      ],
      lines: [
        { lineNo: 1, serviceDate: '2025-03-15', codeSystem: 'CPT', code: '92928', modifiers: ['LD'], units: 1, charge: 1500 },
        { lineNo: 2, serviceDate: '2025-03-14', codeSystem: 'CPT', code: '99223', modifiers: ['25', '57'], units: 1, charge: 350 },
      ],
    });
    const denied = o.denied ?? true;
    const carcs = o.carcs ?? (denied ? [['CO', '50', 1500]] : []);
    w.remittance({
      ...src,
      sourceId: `r${i}`,
      payerName: payer,
      payeeName: 'General Hospital',
      checkNumber: `EFT${i}`,
      paymentAmount: denied ? 0 : 1850,
      paymentDate: o.remitDate,
      claims: [
        {
          claimNumber,
          statusCode: denied ? '4' : '1',
          billed: 1850,
          paid: denied ? 350 : 1850,
          payerClaimControl,
          patientName: `${CANARY.family}, ${CANARY.given}`,
          memberId,
          serviceStart: '2025-03-14',
          serviceEnd: '2025-03-17',
          rarc: o.rarcs ?? ['N115'],
          adjustments: [],
          lines: [
            { lineNo: 1, codeSystem: 'HC', code: '92928', modifiers: ['LD'], billed: 1500, paid: denied ? 0 : 1500, units: 1, serviceDate: '2025-03-15', rarc: ['M127'], adjustments: carcs.map(([groupCode, carc, amount]) => ({ groupCode, carc, amount })) },
            { lineNo: 2, codeSystem: 'HC', code: '99223', modifiers: ['25'], billed: 350, paid: 350, units: 1, serviceDate: '2025-03-14', adjustments: [] },
          ],
        },
      ],
    });
    const sections = Object.fromEntries(
      (db.prepare('SELECT id, title FROM section WHERE document_id = ?').all(documentId) as Array<{ id: number; title: string }>).map((s) => [s.title, s.id]),
    );
    return { claimId, claimNumber, patientId, encounterId, documentId, memberId, payerClaimControl, sections };
  })();
}

/**
 * A newer remittance for a seeded claim (a later payment date): `denied: false` pays it in full,
 * which takes the claim off the denial worklist (a reversed denial); `denied: true` denies it again.
 */
export function remitAgain(db: Database, claim: Pick<SeededClaim, 'claimNumber' | 'memberId' | 'payerClaimControl'>, o: { sourceId: string; remitDate: string; denied: boolean }): void {
  const w = new ChartWriter(db);
  db.transaction(() => {
    w.remittance({
      sourceSystem: 'test',
      sourceId: o.sourceId,
      payerName: 'Acme Health Plan',
      payeeName: 'General Hospital',
      checkNumber: `EFT-${o.sourceId}`,
      paymentAmount: o.denied ? 0 : 1850,
      paymentDate: o.remitDate,
      claims: [
        {
          claimNumber: claim.claimNumber,
          statusCode: o.denied ? '4' : '1',
          billed: 1850,
          paid: o.denied ? 0 : 1850,
          payerClaimControl: claim.payerClaimControl,
          patientName: `${CANARY.family}, ${CANARY.given}`,
          memberId: claim.memberId,
          serviceStart: '2025-03-14',
          serviceEnd: '2025-03-17',
          rarc: [],
          adjustments: [],
          lines: [],
        },
      ],
    });
  })();
}

/** A denied claim (on the denial worklist) for an existing encounter, e.g. a sample chart's. */
export function denyClaimOf(db: Database, o: { patientId: number; encounterId: number; sourceId: string; remitDate?: string }): { claimId: number; claimNumber: string } {
  const w = new ChartWriter(db);
  const claimNumber = `CLM-${o.sourceId}`;
  const claimId = db.transaction(() => {
    const claimId = w.claim({
      sourceSystem: 'test',
      sourceId: o.sourceId,
      patientId: o.patientId,
      encounterId: o.encounterId,
      claimNumber,
      claimType: 'institutional',
      payerName: 'Acme Health Plan',
      payerId: 'PAYER01',
      memberId: `MBR-${o.sourceId}`,
      billingNpi: '1245319599',
      renderingNpi: '1679576722',
      totalCharge: 1850,
      serviceStart: '2024-03-14',
      serviceEnd: '2024-03-18',
      diagnoses: [{ seq: 1, system: 'ICD-10-CM', code: 'K85.20' }],
      lines: [{ lineNo: 1, serviceDate: '2024-03-14', codeSystem: 'CPT', code: '99223', modifiers: [], units: 1, charge: 1850 }],
    });
    remitAgain(db, { claimNumber, memberId: `MBR-${o.sourceId}`, payerClaimControl: `ICN-${o.sourceId}` }, { sourceId: `r-${o.sourceId}`, remitDate: o.remitDate ?? '2024-04-01', denied: true });
    return claimId;
  })();
  return { claimId, claimNumber };
}
