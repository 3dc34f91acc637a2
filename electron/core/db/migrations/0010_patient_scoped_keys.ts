import type { Migration } from '../migration';

/**
 * Source keys scoped by the patient, for rows the C-CDA and text-note importers wrote before they
 * keyed them that way, so that re-importing the same files updates those rows instead of adding a
 * second copy beside them:
 *
 * - C-CDA encounters, documents and coded entries: `<patient key>|<key>`.
 * - Text notes of a named patient: `note:<patient key>|<note key>`; encounters from a visit id
 *   column: `<patient or placeholder key>|encounter:<id>`.
 *
 * Rows already in the new form are left as they are.
 */
const CCDA_TABLES = ['encounter', 'document', 'condition', 'procedure_done', 'medication', 'observation'] as const;

export const m0010: Migration = {
  version: 10,
  name: '0010_patient_scoped_keys',
  up(db) {
    // OR IGNORE: a row whose new key another row already holds keeps its old one (never a failed open).
    for (const t of CCDA_TABLES) {
      db.exec(`UPDATE OR IGNORE ${t} SET source_id = p.source_id || '|' || ${t}.source_id FROM patient p
               WHERE p.id = ${t}.patient_id AND ${t}.source_system = 'ccda' AND ${t}.source_id NOT LIKE 'patient:%'`);
    }
    db.exec(`
      UPDATE OR IGNORE document SET source_id = 'note:' || p.source_id || '|' || substr(document.source_id, 6) FROM patient p
      WHERE p.id = document.patient_id AND document.source_system = 'text' AND document.source_id LIKE 'note:%'
        AND p.source_id NOT LIKE 'placeholder:%' AND substr(document.source_id, 6, length(p.source_id) + 1) <> p.source_id || '|';
      UPDATE OR IGNORE encounter SET source_id = p.source_id || '|' || encounter.source_id FROM patient p
      WHERE p.id = encounter.patient_id AND encounter.source_system = 'text' AND encounter.source_id LIKE 'encounter:%';
    `);
  },
};
