/**
 * Purging a patient's cached clinical content. Leaf tables of clinical detail lose the patient's
 * rows; the anchor rows that other records point at (patient, encounter, document, claim,
 * remittance claim) stay as stubs stripped of their clinical and identifying columns, so the audit
 * trail, the accounting of disclosures and any work record keep their references. A purged
 * patient keeps its internal id, source key and MRN, and its flags (VIP/employee: audit review).
 *
 * The caller runs this inside a transaction on a connection with secure_delete on.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { NtkError } from '../errors';

/** Tables whose rows the purge deletes (detail that belongs wholly to the cached chart). */
export const PURGE_DELETES = [
  'section',
  'document_page',
  'condition',
  'procedure_done',
  'medication',
  'observation',
  'coverage',
  'claim_line',
  'remit_adjustment',
  'remit_line',
] as const;

/** Anchor tables the purge scrubs in place (never deletes, so nothing cascades from them). */
export const PURGE_SCRUBS = ['patient', 'encounter', 'document', 'claim', 'remit_claim'] as const;

export interface PatientPurgeCounts {
  patientId: number;
  documents: number;
  /** Rows deleted or scrubbed, all tables together. */
  rows: number;
}

const PATIENT_DOCS = 'SELECT id FROM document WHERE patient_id = @p';
const PATIENT_CLAIMS = 'SELECT id FROM claim WHERE patient_id = @p';
const PATIENT_REMITS = 'SELECT id FROM remit_claim WHERE patient_id = @p';

const DELETES: ReadonlyArray<readonly [(typeof PURGE_DELETES)[number], string]> = [
  ['section', `document_id IN (${PATIENT_DOCS})`],
  ['document_page', `document_id IN (${PATIENT_DOCS})`],
  ['condition', 'patient_id = @p'],
  ['procedure_done', 'patient_id = @p'],
  ['medication', 'patient_id = @p'],
  ['observation', 'patient_id = @p'],
  ['coverage', 'patient_id = @p'],
  ['claim_line', `claim_id IN (${PATIENT_CLAIMS})`],
  ['remit_adjustment', `remit_claim_id IN (${PATIENT_REMITS})`],
  ['remit_line', `remit_claim_id IN (${PATIENT_REMITS})`],
];

const SCRUBS: readonly string[] = [
  `UPDATE document SET text = NULL, title = NULL, identifiers_json = '[]', labels_json = '[]', content_sha256 = NULL,
          ocr_confidence = NULL, needs_review = 0, purged_at = @now
    WHERE patient_id = @p AND (purged_at IS NULL OR text IS NOT NULL)`,
  `UPDATE encounter SET reason_display = NULL, type_display = NULL
    WHERE patient_id = @p AND (reason_display IS NOT NULL OR type_display IS NOT NULL)`,
  `UPDATE claim SET member_id = NULL, diagnoses_json = '[]' WHERE patient_id = @p AND (member_id IS NOT NULL OR diagnoses_json <> '[]')`,
  `UPDATE remit_claim SET patient_name = NULL, member_id = NULL WHERE patient_id = @p AND (patient_name IS NOT NULL OR member_id IS NOT NULL)`,
  `UPDATE patient SET family_name = NULL, given_name = NULL, birth_date = NULL, sex = NULL, address_line = NULL, city = NULL,
          state = NULL, postal_code = NULL, phone = NULL, contacts_json = '[]', purged_at = @now
    WHERE id = @p`,
];

/**
 * Foreign keys from tables outside the cache into the tables the purge deletes from: each would
 * lose rows (CASCADE), be rewritten (SET NULL) or block the purge. Empty when the purge is safe.
 */
export function unsafeReferences(db: Database): string[] {
  const deleted = new Set<string>(PURGE_DELETES);
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  const out: string[] = [];
  for (const t of tables) {
    if (deleted.has(t)) continue;
    const fks = db.pragma(`foreign_key_list(${JSON.stringify(t)})`) as Array<{ table: string; from: string; on_delete: string }>;
    for (const fk of fks) if (deleted.has(fk.table)) out.push(`${t}.${fk.from} -> ${fk.table} (ON DELETE ${fk.on_delete})`);
  }
  return out;
}

export function assertPurgeSafe(db: Database): void {
  const unsafe = unsafeReferences(db);
  if (unsafe.length) {
    throw new NtkError('INTERNAL', `The purge would touch records outside the chart cache (${unsafe.join('; ')}); nothing was purged.`);
  }
}

/** What purging the patient would remove, without changing anything. */
export function countPatientContent(db: Database, patientId: number): PatientPurgeCounts {
  const n = (sql: string): number => (db.prepare(sql).get({ p: patientId }) as { n: number }).n;
  let rows = 0;
  for (const [table, where] of DELETES) rows += n(`SELECT count(*) AS n FROM ${table} WHERE ${where}`);
  const documents = n('SELECT count(*) AS n FROM document WHERE patient_id = @p AND (purged_at IS NULL OR text IS NOT NULL)');
  return { patientId, documents, rows: rows + documents + 1 };
}

/** Purges one patient's cached clinical content. Must run inside the caller's transaction. */
export function purgePatient(db: Database, patientId: number, now: Date): PatientPurgeCounts {
  if (!db.inTransaction) throw new NtkError('INTERNAL', 'A purge must run inside a transaction.');
  const args = { p: patientId, now: now.toISOString() };
  let rows = 0;
  for (const [table, where] of DELETES) rows += db.prepare(`DELETE FROM ${table} WHERE ${where}`).run({ p: patientId }).changes;
  const [docSql, ...rest] = SCRUBS;
  const documents = db.prepare(docSql!).run(args).changes;
  rows += documents;
  for (const sql of rest) rows += db.prepare(sql).run(sql.includes('@now') ? args : { p: patientId }).changes;
  return { patientId, documents, rows };
}
