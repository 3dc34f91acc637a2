/**
 * The denial worklist: the latest remittance of each claim number that was denied or short-paid
 * for a reason other than routine patient responsibility or contract terms, with its CARC/RARC
 * codes (described from the shipped lists), its age since the remittance, and the claim's work
 * state (claim.work_status).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AgeBucket, DenialRow, WorkStatus } from '../../../shared/packets-contract';
import { WORK_STATUSES } from '../../../shared/packets-contract';
import { NtkError } from '../errors';
import { carcDescription, rarcDescription } from './codes';

/** CARCs that explain an expected reduction (contract terms, sequestration, prior payer), not a denial. */
const ROUTINE_CARCS = new Set(['45', '253', '23', '94', '131', '144', '59', 'A2', '42', '24']);

export interface WorklistFilter {
  status?: WorkStatus[];
  bucket?: AgeBucket[];
  payer?: string;
  code?: string;
  search?: string;
  sort?: 'age' | 'billed' | 'paid' | 'claimNumber' | 'payer' | 'status' | 'serviceStart';
  dir?: 'asc' | 'desc';
  limit?: number;
}

interface RemitClaimRow {
  id: number;
  claim_id: number | null;
  claim_number: string;
  status_code: string | null;
  billed: number | null;
  paid: number | null;
  service_start: string | null;
  service_end: string | null;
  received_at: string | null;
  rarc_json: string;
  payment_date: string | null;
  production_date: string | null;
  remit_payer: string | null;
  claim_payer: string | null;
  work_status: string | null;
  claim_start: string | null;
  claim_end: string | null;
  packets: number;
}

export const ageBucket = (days: number): AgeBucket => (days <= 30 ? '0-30' : days <= 60 ? '31-60' : days <= 90 ? '61-90' : days <= 120 ? '91-120' : '>120');

/** Days from an ISO date (or date-time) to `now`, whole days, never negative. */
export function ageInDays(iso: string | null, now: Date): number | null {
  if (!iso) return null;
  const t = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(t)) return null;
  return Math.max(0, Math.floor((now.getTime() - t) / 86_400_000));
}

const asStatus = (s: string | null): WorkStatus => ((WORK_STATUSES as readonly string[]).includes(s ?? '') ? (s as WorkStatus) : 'new');

export function queryWorklist(db: Database, now: Date, f: WorklistFilter = {}): { rows: DenialRow[]; total: number; payers: string[] } {
  const { rows: all, payers } = denialRows(db, now);
  const rows = sortRows(all.filter(matches(f)), f.sort ?? 'age', f.dir ?? 'desc');
  return { rows: rows.slice(0, f.limit ?? 1000), total: rows.length, payers: [...payers].sort() };
}

/**
 * Whether the claim is on the denial worklist now (its latest remittance is a denial): packet work
 * and status changes are allowed on such claims only, checked at every use.
 */
export function claimOnDenialWorklist(db: Database, claimId: number): boolean {
  return denialRows(db, new Date(0), { claimId }).rows.length > 0;
}

/** Whether any claim of the encounter is on the denial worklist now (what opens its chart for a dispute). */
export function encounterOnDenialWorklist(db: Database, encounterId: number): boolean {
  return denialRows(db, new Date(0), { encounterId }).rows.length > 0;
}

/**
 * The claim a dispute is about: a stored claim (837 / FHIR Claim), or a remittance claim (835 CLP)
 * with no stored claim behind it, named by the remit_claim id the worklist lists.
 */
export type ClaimRef = { claimId: number } | { remitClaimId: number };

/**
 * A remittance claim that has a stored claim behind it is that stored claim (today's behaviour,
 * no reconciliation); NOT_FOUND for no such remittance claim.
 */
export function resolveClaimRef(db: Database, ref: ClaimRef | number): ClaimRef {
  if (typeof ref === 'number') return { claimId: ref };
  if ('claimId' in ref) return { claimId: ref.claimId };
  const r = db.prepare('SELECT claim_id FROM remit_claim WHERE id = ?').get(ref.remitClaimId) as { claim_id: number | null } | undefined;
  if (!r) throw new NtkError('NOT_FOUND', 'No such claim.');
  return r.claim_id !== null ? { claimId: r.claim_id } : { remitClaimId: ref.remitClaimId };
}

/**
 * Throws NOT_FOUND for no such claim, FORBIDDEN unless the claim is on the denial worklist now: a
 * remittance-only claim only while it is its claim number's latest remittance and that is a denial.
 * Returns the resolved reference.
 */
export function requireDenialWorklist(db: Database, claim: ClaimRef | number): ClaimRef {
  const ref = resolveClaimRef(db, claim);
  if ('claimId' in ref) {
    if (claimOnDenialWorklist(db, ref.claimId)) return ref;
    if (!db.prepare('SELECT 1 FROM claim WHERE id = ?').get(ref.claimId)) throw new NtkError('NOT_FOUND', 'No such claim.');
  } else if (denialRows(db, new Date(0), { remitClaimId: ref.remitClaimId }).rows.length > 0) return ref;
  throw new NtkError('FORBIDDEN', 'This claim is not on the denial worklist; dispute work is for denied claims only.');
}

/** The denial rows (unsorted), all or those of one claim or encounter: the one definition of the worklist. */
function denialRows(db: Database, now: Date, only: { claimId?: number; encounterId?: number; remitClaimId?: number } = {}): { rows: DenialRow[]; payers: Set<string> } {
  const filter =
    only.claimId !== undefined
      ? 'AND rc.claim_id = @claimId'
      : only.encounterId !== undefined
        ? 'AND c.encounter_id = @encounterId'
        : only.remitClaimId !== undefined
          ? 'AND rc.id = @remitClaimId AND rc.claim_id IS NULL'
          : '';
  // The latest remittance per claim number (by payment date, then row id).
  const remits = db
    .prepare(
      `SELECT rc.id, rc.claim_id, rc.claim_number, rc.status_code, rc.billed, rc.paid, rc.service_start, rc.service_end,
              rc.received_at, rc.rarc_json, r.payment_date, r.production_date, r.payer_name AS remit_payer,
              c.payer_name AS claim_payer, c.work_status, c.service_start AS claim_start, c.service_end AS claim_end,
              (SELECT COUNT(*) FROM packet p WHERE p.claim_id = rc.claim_id OR (rc.claim_id IS NULL AND p.claim_id IS NULL AND p.claim_number = rc.claim_number)) AS packets
         FROM remit_claim rc
         JOIN remittance r ON r.id = rc.remittance_id
         LEFT JOIN claim c ON c.id = rc.claim_id
        WHERE rc.id = (SELECT rc2.id FROM remit_claim rc2 JOIN remittance r2 ON r2.id = rc2.remittance_id
                        WHERE rc2.claim_number = rc.claim_number
                        ORDER BY COALESCE(r2.payment_date, r2.production_date, rc2.received_at, '') DESC, rc2.id DESC LIMIT 1)
              ${filter}`,
    )
    .all({ claimId: only.claimId ?? null, encounterId: only.encounterId ?? null, remitClaimId: only.remitClaimId ?? null }) as RemitClaimRow[];
  // One claim or encounter: only its remittances' adjustments (ids are integers from the store).
  const some = filter ? `AND remit_claim_id IN (${remits.map((r) => Number(r.id)).join(',') || 'NULL'})` : '';
  const adjRows = db
    .prepare(
      `SELECT a.remit_claim_id, a.group_code, a.carc, a.amount, l.line_no
         FROM remit_adjustment a LEFT JOIN remit_line l ON l.id = a.remit_line_id WHERE 1 = 1 ${some.replace('remit_claim_id', 'a.remit_claim_id')} ORDER BY a.id`,
    )
    .all() as Array<{ remit_claim_id: number; group_code: string; carc: string; amount: number; line_no: number | null }>;
  const lineRarcs = db.prepare(`SELECT remit_claim_id, line_no, rarc_json FROM remit_line WHERE rarc_json <> '[]' ${some}`).all() as Array<{
    remit_claim_id: number;
    line_no: number;
    rarc_json: string;
  }>;
  const adjBy = groupBy(adjRows, (a) => a.remit_claim_id);
  const rarcBy = groupBy(lineRarcs, (r) => r.remit_claim_id);

  const all: DenialRow[] = [];
  const payers = new Set<string>();
  for (const r of remits) {
    const adjustments = (adjBy.get(r.id) ?? []).map((a) => ({ lineNo: a.line_no, group: a.group_code, code: a.carc, description: carcDescription(a.carc), amount: a.amount }));
    if (!isDenial(r, adjustments)) continue;
    const remarks = [
      ...parseCodes(r.rarc_json).map((code) => ({ lineNo: null, code, description: rarcDescription(code) })),
      ...(rarcBy.get(r.id) ?? []).flatMap((l) => parseCodes(l.rarc_json).map((code) => ({ lineNo: l.line_no, code, description: rarcDescription(code) }))),
    ];
    const remitDate = r.payment_date ?? r.production_date ?? r.received_at;
    const ageDays = ageInDays(remitDate, now);
    const payer = r.claim_payer ?? r.remit_payer;
    if (payer) payers.add(payer);
    all.push({
      remitClaimId: r.id,
      claimId: r.claim_id,
      claimNumber: r.claim_number,
      payerName: payer,
      serviceStart: r.service_start ?? r.claim_start,
      serviceEnd: r.service_end ?? r.claim_end ?? r.service_start ?? r.claim_start,
      billed: r.billed,
      paid: r.paid,
      remitDate,
      ageDays,
      ageBucket: ageDays === null ? null : ageBucket(ageDays),
      status: asStatus(r.work_status),
      statusCode: r.status_code,
      adjustments,
      remarks,
      packets: r.packets,
    });
  }
  return { rows: all, payers };
}

/** Denied (CLP02 = 4), or not paid in full for a reason other than patient responsibility or routine contract terms. */
function isDenial(r: RemitClaimRow, adjustments: DenialRow['adjustments']): boolean {
  if (r.status_code === '4') return true;
  if (r.status_code === '22') return false; // reversal of a previous payment
  const denialAdj = adjustments.some((a) => a.group !== 'PR' && a.amount > 0 && !ROUTINE_CARCS.has(a.code.toUpperCase()));
  if (denialAdj) return true;
  return (r.billed ?? 0) > 0 && (r.paid ?? 0) === 0 && !adjustments.every((a) => a.group === 'PR');
}

function matches(f: WorklistFilter): (r: DenialRow) => boolean {
  const payer = f.payer?.toLowerCase();
  const code = f.code?.toUpperCase();
  const search = f.search?.toLowerCase();
  return (r) =>
    (!f.status?.length || f.status.includes(r.status)) &&
    (!f.bucket?.length || (r.ageBucket !== null && f.bucket.includes(r.ageBucket))) &&
    (!payer || (r.payerName ?? '').toLowerCase().includes(payer)) &&
    (!code || r.adjustments.some((a) => a.code.toUpperCase() === code || `${a.group}-${a.code}`.toUpperCase() === code) || r.remarks.some((m) => m.code.toUpperCase() === code)) &&
    (!search || r.claimNumber.toLowerCase().includes(search));
}

function sortRows(rows: DenialRow[], sort: NonNullable<WorklistFilter['sort']>, dir: 'asc' | 'desc'): DenialRow[] {
  const key = (r: DenialRow): string | number | null => {
    switch (sort) {
      case 'age':
        return r.ageDays;
      case 'billed':
        return r.billed;
      case 'paid':
        return r.paid;
      case 'claimNumber':
        return r.claimNumber;
      case 'payer':
        return r.payerName?.toLowerCase() ?? null;
      case 'status':
        return WORK_STATUSES.indexOf(r.status);
      case 'serviceStart':
        return r.serviceStart;
    }
  };
  const sign = dir === 'asc' ? 1 : -1;
  return rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === kb) return a.remitClaimId - b.remitClaimId;
    if (ka === null) return 1; // empty values last either way
    if (kb === null) return -1;
    return (ka < kb ? -1 : 1) * sign;
  });
}

export function setWorkStatus(db: Database, claimId: number, status: WorkStatus): void {
  const r = db.prepare('UPDATE claim SET work_status = ? WHERE id = ?').run(status, claimId);
  if (r.changes === 0) throw new NtkError('NOT_FOUND', 'No such claim.');
}

function parseCodes(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '').map((x) => x.trim()) : [];
  } catch {
    return [];
  }
}

function groupBy<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}
