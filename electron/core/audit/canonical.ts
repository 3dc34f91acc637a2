/**
 * The canonical form of an audit record that the chain signs: a JSON array of
 * the stored columns in a fixed order (so no key ordering or whitespace choice
 * can change it), and the chain step h_i = HMAC(k, h_{i-1} || canonical_i).
 */
import { createHmac } from 'node:crypto';

export interface AuditRow {
  seq: number;
  recorded_at: string;
  user_id: number | null;
  username: string | null;
  role: string | null;
  purpose: string | null;
  workstation: string;
  action: 'C' | 'R' | 'U' | 'D' | 'E';
  event_type: string;
  outcome: 'success' | 'failure' | 'denied';
  patient_id: number | null;
  encounter_id: number | null;
  document_id: number | null;
  section_code: string | null;
  labels: string | null;
  rule_ids: string | null;
  detail: string | null;
}

export const AUDIT_COLUMNS = [
  'seq',
  'recorded_at',
  'user_id',
  'username',
  'role',
  'purpose',
  'workstation',
  'action',
  'event_type',
  'outcome',
  'patient_id',
  'encounter_id',
  'document_id',
  'section_code',
  'labels',
  'rule_ids',
  'detail',
] as const satisfies ReadonlyArray<keyof AuditRow>;

export const GENESIS = Buffer.alloc(32, 0);

export const canonical = (row: AuditRow): string => JSON.stringify(AUDIT_COLUMNS.map((c) => row[c]));

export function chainStep(key: Buffer, previous: Buffer, row: AuditRow): Buffer {
  return chainStepCanonical(key, previous, canonical(row));
}

/** The same step from the canonical text itself (verification reads rows as arrays in column order). */
export function chainStepCanonical(key: Buffer, previous: Buffer, canonicalText: string): Buffer {
  return createHmac('sha256', key).update(previous).update(canonicalText).digest();
}

export function signCheckpoint(key: Buffer, seq: number, head: Buffer): Buffer {
  return createHmac('sha256', key).update(`need-to-know audit checkpoint ${seq}:`).update(head).digest();
}
