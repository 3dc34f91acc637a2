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
  // One transaction: one synced write for both rows.
  db.transaction(() => {
    const row = db.prepare('UPDATE document SET last_used_at = ? WHERE id = ? RETURNING patient_id').get(iso, documentId) as { patient_id: number } | undefined;
    if (row) db.prepare('UPDATE patient SET last_used_at = ? WHERE id = ?').run(iso, row.patient_id);
  })();
}

/**
 * Records chart use for the retention clock, at most once an hour per patient and per document:
 * retention counts days, and opening documents one after another should not each cost a synced write.
 */
export function useRecorder(db: Database, now: () => Date, everyMs = 3_600_000): (use: { patientId: number; documentId: number | null }) => void {
  const last = new Map<string, number>();
  return ({ patientId, documentId }) => {
    const at = now();
    const key = documentId === null ? `p${patientId}` : `d${documentId}`;
    const before = last.get(key);
    if (before !== undefined && at.getTime() - before < everyMs) return;
    last.set(key, at.getTime());
    if (documentId === null) touchPatient(db, patientId, at);
    else touchDocument(db, documentId, at);
  };
}
