/**
 * "Last use" of cached clinical content: the retention clock for a patient restarts whenever a
 * chart view opens the patient (touchPatient) or one of its documents (touchDocument).
 */
import type { Database } from 'better-sqlite3-multiple-ciphers';

/** Marks the patient's cached chart as used now. Call when a chart is opened. */
export function touchPatient(db: Database, patientId: number, now: Date): void {
  db.prepare('UPDATE patient SET last_used_at = ? WHERE id = ?').run(now.toISOString(), patientId);
}

/** Marks a document (and so its patient) as used now. */
export function touchDocument(db: Database, documentId: number, now: Date): void {
  const iso = now.toISOString();
  const row = db.prepare('UPDATE document SET last_used_at = ? WHERE id = ? RETURNING patient_id').get(iso, documentId) as { patient_id: number } | undefined;
  if (row) db.prepare('UPDATE patient SET last_used_at = ? WHERE id = ?').run(iso, row.patient_id);
}
