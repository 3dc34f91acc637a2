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

export interface ClaimContext {
  summary: ClaimSummary;
  patientId: number;
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

export function claimIdByNumber(db: Database, claimNumber: string): number {
  const r = db.prepare('SELECT id FROM claim WHERE claim_number = ? ORDER BY id DESC LIMIT 1').get(claimNumber) as { id: number } | undefined;
  if (!r) throw new NtkError('NOT_FOUND', 'No stored claim has that claim number.');
  return r.id;
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
  const remitLines = remit
    ? (db.prepare('SELECT id, line_no, code, paid, service_date, rarc_json FROM remit_line WHERE remit_claim_id = ? ORDER BY line_no').all(remit.id) as Array<{
        id: number;
        line_no: number;
        code: string | null;
        paid: number | null;
        service_date: string | null;
        rarc_json: string;
      }>)
    : [];
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
  // Paid per claim line: the remit line with the same number, else the same code (835 lines need not mirror the claim's).
  const paidFor = (lineNo: number, code: string | null): number | null => {
    const byNo = remitLines.find((l) => l.line_no === lineNo && (!code || !l.code || l.code === code));
    return (byNo ?? remitLines.find((l) => l.code && l.code === code))?.paid ?? null;
  };
  const diagnoses = json<Array<{ seq: number; system: string; code: string }>>(c.diagnoses_json, []).map((d) => ({ seq: d.seq, system: d.system, code: d.code }));
  const summary: ClaimSummary = {
    claimId: c.id,
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
  return { summary, patientId: c.patient_id, encounterId: c.encounter_id };
}
