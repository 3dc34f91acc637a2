/**
 * The minimum data set of a denial dispute, read from the stored claim and its latest remittance:
 * dates of service, CPT/HCPCS codes with modifiers and units, ICD-10-CM codes, rendering and billing
 * NPI, charges, the payer's claim control number, the member id and the denial codes. Nothing else
 * (no patient name, birth date or address) is read.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { ClaimSummary, WorkStatus } from '../../../shared/packets-contract';
import { WORK_STATUSES } from '../../../shared/packets-contract';
import { NtkError } from '../errors';
import { carcDescription, rarcDescription } from './codes';
import type { ClaimRef } from './worklist';

export interface ClaimContext {
  /** What the packet is about: the stored claim, or the remittance claim when no stored claim exists. */
  ref: ClaimRef;
  summary: ClaimSummary;
  /** Null for a remittance claim the payer sent for a patient not in the store. */
  patientId: number | null;
  encounterId: number | null;
}

interface ClaimRow {
  id: number;
  patient_id: number;
  encounter_id: number | null;
  claim_number: string;
  claim_type: string | null;
  payer_name: string | null;
  payer_id: string | null;
  member_id: string | null;
  billing_npi: string | null;
  rendering_npi: string | null;
  total_charge: number | null;
  service_start: string | null;
  service_end: string | null;
  work_status: string;
  diagnoses_json: string;
}

const json = <T>(s: string | null | undefined, fallback: T): T => {
  try {
    return s ? (JSON.parse(s) as T) : fallback;
  } catch {
    return fallback;
  }
};

/**
 * The claim a claim number names: the stored claim when there is one (today's behaviour, the
 * remittance is not reconciled with it), else its latest remittance claim (an 835 alone).
 */
export function claimRefByNumber(db: Database, claimNumber: string): ClaimRef {
  const r = db.prepare('SELECT id FROM claim WHERE claim_number = ? ORDER BY id DESC LIMIT 1').get(claimNumber) as { id: number } | undefined;
  if (r) return { claimId: r.id };
  const rc = db
    .prepare(
      `SELECT rc.id FROM remit_claim rc JOIN remittance r ON r.id = rc.remittance_id WHERE rc.claim_number = ?
        ORDER BY COALESCE(r.payment_date, r.production_date, rc.received_at, '') DESC, rc.id DESC LIMIT 1`,
    )
    .get(claimNumber) as { id: number } | undefined;
  if (!rc) throw new NtkError('NOT_FOUND', 'No stored claim or remittance has that claim number.');
  return { remitClaimId: rc.id };
}

export function loadClaimRef(db: Database, ref: ClaimRef): ClaimContext {
  return 'claimId' in ref ? loadClaim(db, ref.claimId) : loadRemitClaim(db, ref.remitClaimId);
}

interface RemitLineRow {
  id: number;
  line_no: number;
  code_system: string | null;
  code: string | null;
  modifiers_json: string;
  billed_code_system: string | null;
  billed_code: string | null;
  billed_modifiers_json: string;
  billed: number | null;
  units: number | null;
  paid: number | null;
  service_date: string | null;
  rarc_json: string;
}

/** The remittance's lines, adjustments (CARC, per line where given) and remarks (RARC, per line where given). */
function remitDetails(db: Database, remit: { id: number; rarc_json: string } | undefined) {
  const remitLines = remit ? (db.prepare('SELECT * FROM remit_line WHERE remit_claim_id = ? ORDER BY line_no').all(remit.id) as RemitLineRow[]) : [];
  const adjustments = remit
    ? (
        db
          .prepare('SELECT a.group_code, a.carc, a.amount, l.line_no FROM remit_adjustment a LEFT JOIN remit_line l ON l.id = a.remit_line_id WHERE a.remit_claim_id = ? ORDER BY a.id')
          .all(remit.id) as Array<{ group_code: string; carc: string; amount: number; line_no: number | null }>
      ).map((a) => ({ lineNo: a.line_no, group: a.group_code, code: a.carc, description: carcDescription(a.carc), amount: a.amount }))
    : [];
  const remarks = remit
    ? [
        ...json<string[]>(remit.rarc_json, []).map((code) => ({ lineNo: null, code, description: rarcDescription(code) })),
        ...remitLines.flatMap((l) => json<string[]>(l.rarc_json, []).map((code) => ({ lineNo: l.line_no, code, description: rarcDescription(code) }))),
      ]
    : [];
  return { remitLines, adjustments, remarks };
}

/** SVC01-1 qualifier → the code system the claim summary names. */
const CODE_SYSTEMS: Record<string, string> = { HC: 'HCPCS', AD: 'ADA', NU: 'NUBC-REV', ER: 'HCPCS', IV: 'HIEC', N4: 'NDC', WK: 'ABC' };

/**
 * The minimum data set of a claim known only from its remittance (no stored 837 / FHIR Claim):
 * dates of service, the codes and modifiers as billed (SVC06 when the payer recoded, else SVC01),
 * units, charges, paid, CARC/RARC per line, the payer's claim control number, the rendering NPI
 * where given and the member id. The patient's name (NM1*QC) is not read.
 */
export function loadRemitClaim(db: Database, remitClaimId: number): ClaimContext {
  const rc = db
    .prepare(
      `SELECT rc.id, rc.patient_id, rc.claim_number, rc.billed, rc.paid, rc.payer_claim_control, rc.member_id, rc.rendering_npi,
              rc.service_start, rc.service_end, rc.rarc_json, rc.facility_type, r.payer_name, r.payer_id, r.payee_npi
         FROM remit_claim rc JOIN remittance r ON r.id = rc.remittance_id WHERE rc.id = ? AND rc.claim_id IS NULL`,
    )
    .get(remitClaimId) as
    | {
        id: number;
        patient_id: number | null;
        claim_number: string;
        billed: number | null;
        paid: number | null;
        payer_claim_control: string | null;
        member_id: string | null;
        rendering_npi: string | null;
        service_start: string | null;
        service_end: string | null;
        rarc_json: string;
        facility_type: string | null;
        payer_name: string | null;
        payer_id: string | null;
        payee_npi: string | null;
      }
    | undefined;
  if (!rc) throw new NtkError('NOT_FOUND', 'No such claim.');
  const { remitLines, adjustments, remarks } = remitDetails(db, rc);
  const dates = remitLines.map((l) => l.service_date).filter((d): d is string => !!d).sort();
  // No stored claim holds a work state: a packet sent for it marks it sent.
  const sent = db.prepare('SELECT 1 FROM packet WHERE claim_id IS NULL AND claim_number = ?').get(rc.claim_number) !== undefined;
  const summary: ClaimSummary = {
    claimId: null,
    remitClaimId: rc.id,
    claimNumber: rc.claim_number,
    claimType: null,
    payerName: rc.payer_name,
    payerId: rc.payer_id,
    payerClaimControl: rc.payer_claim_control,
    memberId: rc.member_id,
    billingNpi: rc.payee_npi,
    renderingNpi: rc.rendering_npi,
    serviceStart: rc.service_start ?? dates[0] ?? null,
    serviceEnd: rc.service_end ?? dates[dates.length - 1] ?? rc.service_start ?? null,
    totalCharge: rc.billed,
    billed: rc.billed,
    paid: rc.paid,
    diagnoses: [],
    lines: remitLines.map((l) => {
      const billedAs = l.billed_code !== null && l.billed_code !== '';
      const qualifier = billedAs ? l.billed_code_system : l.code_system;
      return {
        lineNo: l.line_no,
        serviceDate: l.service_date ?? rc.service_start,
        codeSystem: qualifier ? (CODE_SYSTEMS[qualifier] ?? qualifier) : null,
        code: billedAs ? l.billed_code : l.code,
        modifiers: json<string[]>(billedAs ? l.billed_modifiers_json : l.modifiers_json, []),
        units: l.units,
        charge: l.billed,
        paid: l.paid,
        renderingNpi: rc.rendering_npi,
      };
    }),
    adjustments,
    remarks,
    status: sent ? 'sent' : 'new',
  };
  return { ref: { remitClaimId: rc.id }, summary, patientId: rc.patient_id, encounterId: null };
}

export function loadClaim(db: Database, claimId: number): ClaimContext {
  const c = db.prepare('SELECT * FROM claim WHERE id = ?').get(claimId) as ClaimRow | undefined;
  if (!c) throw new NtkError('NOT_FOUND', 'No such claim.');
  const remit = db
    .prepare(
      `SELECT rc.* FROM remit_claim rc JOIN remittance r ON r.id = rc.remittance_id
        WHERE rc.claim_id = ? OR rc.claim_number = ?
        ORDER BY COALESCE(r.payment_date, r.production_date, rc.received_at, '') DESC, rc.id DESC LIMIT 1`,
    )
    .get(c.id, c.claim_number) as
    | { id: number; billed: number | null; paid: number | null; payer_claim_control: string | null; member_id: string | null; rarc_json: string }
    | undefined;
  const lines = db.prepare('SELECT * FROM claim_line WHERE claim_id = ? ORDER BY line_no').all(c.id) as Array<{
    line_no: number;
    service_date: string | null;
    code_system: string | null;
    code: string | null;
    modifiers_json: string;
    units: number | null;
    charge: number | null;
    rendering_npi: string | null;
  }>;
  const { remitLines, adjustments, remarks } = remitDetails(db, remit);
  // Paid per claim line: the remit line with the same number, else the same code (835 lines need not mirror the claim's).
  const paidFor = (lineNo: number, code: string | null): number | null => {
    const byNo = remitLines.find((l) => l.line_no === lineNo && (!code || !l.code || l.code === code));
    return (byNo ?? remitLines.find((l) => l.code && l.code === code))?.paid ?? null;
  };
  const diagnoses = json<Array<{ seq: number; system: string; code: string }>>(c.diagnoses_json, []).map((d) => ({ seq: d.seq, system: d.system, code: d.code }));
  const summary: ClaimSummary = {
    claimId: c.id,
    remitClaimId: remit?.id ?? null,
    claimNumber: c.claim_number,
    claimType: c.claim_type,
    payerName: c.payer_name,
    payerId: c.payer_id,
    payerClaimControl: remit?.payer_claim_control ?? null,
    memberId: c.member_id ?? remit?.member_id ?? null,
    billingNpi: c.billing_npi,
    renderingNpi: c.rendering_npi,
    serviceStart: c.service_start,
    serviceEnd: c.service_end ?? c.service_start,
    totalCharge: c.total_charge,
    billed: remit?.billed ?? c.total_charge,
    paid: remit?.paid ?? null,
    diagnoses,
    lines: lines.map((l) => ({
      lineNo: l.line_no,
      serviceDate: l.service_date,
      codeSystem: l.code_system,
      code: l.code,
      modifiers: json<string[]>(l.modifiers_json, []),
      units: l.units,
      charge: l.charge,
      paid: paidFor(l.line_no, l.code),
      renderingNpi: l.rendering_npi,
    })),
    adjustments,
    remarks,
    status: ((WORK_STATUSES as readonly string[]).includes(c.work_status) ? c.work_status : 'new') as WorkStatus,
  };
  return { ref: { claimId: c.id }, summary, patientId: c.patient_id, encounterId: c.encounter_id };
}

/**
 * The patient a packet from a remittance alone is disclosed about (packets and the accounting of
 * disclosures are kept per patient): the patient the remittance names when the store knows them,
 * else a record keyed by the payer and member id (by the claim number without a member id) and
 * holding nothing else, created with the first packet and found again by later ones.
 */
export function remitPatientId(db: Database, remitClaimId: number): number {
  const rc = db
    .prepare('SELECT rc.patient_id, rc.member_id, rc.claim_number, r.payer_id, r.payer_name FROM remit_claim rc JOIN remittance r ON r.id = rc.remittance_id WHERE rc.id = ?')
    .get(remitClaimId) as { patient_id: number | null; member_id: string | null; claim_number: string; payer_id: string | null; payer_name: string | null } | undefined;
  if (!rc) throw new NtkError('NOT_FOUND', 'No such claim.');
  if (rc.patient_id !== null) return rc.patient_id;
  const sourceId = rc.member_id ? `member:${rc.payer_id ?? rc.payer_name ?? ''}:${rc.member_id}` : `claim:${rc.claim_number}`;
  db.prepare("INSERT INTO patient (source_system, source_id) VALUES ('x12-835-remittance', ?) ON CONFLICT(source_system, source_id) DO NOTHING").run(sourceId);
  return (db.prepare("SELECT id FROM patient WHERE source_system = 'x12-835-remittance' AND source_id = ?").get(sourceId) as { id: number }).id;
}
