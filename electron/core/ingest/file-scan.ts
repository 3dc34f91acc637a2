/**
 * Filing a scan that arrived without a sidecar (so under a placeholder patient of its own) under the
 * patient it belongs to, by MRN: the person who imported it does this from the import results. The
 * document moves, leaves any encounter (it was never in one), and the emptied placeholder goes.
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import { NtkError } from '../errors';
import { IMPORT_FILE_SOURCE } from './ocr/importer';
import type { FileResult } from './pipeline';

const SCAN_FORMATS = new Set(['image', 'pdf']);

/** Result index -> document id, for the imported scans that sit under a placeholder patient. */
export function unfiledScans(db: Database, results: readonly FileResult[]): Map<number, number> {
  const find = db.prepare(
    `SELECT d.id FROM document d JOIN patient p ON p.id = d.patient_id
     WHERE d.source_system = ? AND d.source_id = ? AND p.source_system = ?`,
  );
  const out = new Map<number, number>();
  results.forEach((r, i) => {
    if (r.outcome !== 'imported' || !r.sha256 || !SCAN_FORMATS.has(r.format ?? '')) return;
    const row = find.get(IMPORT_FILE_SOURCE, r.sha256, IMPORT_FILE_SOURCE) as { id: number } | undefined;
    if (row) out.set(i, row.id);
  });
  return out;
}

/** Moves the scan document under the one patient with this MRN; audited. Throws NOT_FOUND / CONFLICT. */
export function fileScanUnder(db: Database, audit: AuditLog, actor: AuditActor, documentId: number, mrn: string): void {
  const patients = db.prepare('SELECT id FROM patient WHERE mrn = ? AND source_system <> ? AND purged_at IS NULL').all(mrn, IMPORT_FILE_SOURCE) as Array<{ id: number }>;
  if (patients.length === 0) throw new NtkError('NOT_FOUND', 'No patient with that MRN is in the store.');
  if (patients.length > 1) throw new NtkError('CONFLICT', 'More than one patient in the store has that MRN; the scan was not filed.');
  const patientId = patients[0]!.id;
  db.transaction(() => {
    const doc = db
      .prepare('SELECT d.patient_id AS owner FROM document d JOIN patient p ON p.id = d.patient_id WHERE d.id = ? AND p.source_system = ?')
      .get(documentId, IMPORT_FILE_SOURCE) as { owner: number } | undefined;
    if (!doc) throw new NtkError('CONFLICT', 'This scan has already been filed under a patient.');
    db.prepare('UPDATE document SET patient_id = ?, encounter_id = NULL WHERE id = ?').run(patientId, documentId);
    try {
      // The placeholder existed only for this scan; kept if anything else still points at it.
      db.transaction(() => db.prepare('DELETE FROM patient WHERE id = ? AND NOT EXISTS (SELECT 1 FROM document WHERE patient_id = ?)').run(doc.owner, doc.owner))();
    } catch {
      // a foreign key elsewhere: the empty placeholder stays
    }
    audit.append({ ...actor, action: 'U', eventType: 'document.file', outcome: 'success', patientId, documentId });
  })();
}
