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
    const owner = (t: string) => `(SELECT p.source_id FROM patient p WHERE p.id = ${t}.patient_id)`;
    for (const t of CCDA_TABLES) {
      db.exec(`UPDATE ${t} SET source_id = ${owner(t)} || '|' || source_id
               WHERE source_system = 'ccda' AND source_id NOT LIKE 'patient:%' AND ${owner(t)} IS NOT NULL`);
    }
    db.exec(`
      UPDATE document SET source_id = 'note:' || ${owner('document')} || '|' || substr(source_id, 6)
      WHERE source_system = 'text' AND source_id LIKE 'note:%'
        AND ${owner('document')} NOT LIKE 'placeholder:%'
        AND substr(source_id, 6, length(${owner('document')}) + 1) <> ${owner('document')} || '|';
      UPDATE encounter SET source_id = ${owner('encounter')} || '|' || source_id
      WHERE source_system = 'text' AND source_id LIKE 'encounter:%' AND ${owner('encounter')} IS NOT NULL;
    `);
  },
};
